"""Texts about opening hours: why a day is closed, and the ``consultoria hours`` output."""

PT_BR = {
    "hours.closed.weekend": "fim de semana",
    "hours.closed.no_hours": "sem expediente neste dia da semana",
    "hours.closed.extra_day": "dia sem expediente",
    "hours.interval": "{start}–{end}",
    "hours.day_range": "{first} a {last}",
    "hours.never_open": "sem horário de atendimento configurado",
    "hours.week": "{week} (exceto feriados)",
    "hours.day_closed": "{date}: fechado — {reason}",
    "hours.day_open": "{date} ({weekday}): {intervals}",
    "hours.opening_at": "{date} às {time}",
    "hours.slots": "Horários livres para {minutes} min: {slots}",
    "hours.no_slots": "Nenhum horário livre para {minutes} min.",
    "hours.invalid_duration": "Duração inválida: {value}. "
    "Informe os minutos, por exemplo --slots 60.",
}

EN = {
    "hours.closed.weekend": "weekend",
    "hours.closed.no_hours": "no opening hours on this weekday",
    "hours.closed.extra_day": "closed day",
    "hours.interval": "{start}–{end}",
    "hours.day_range": "{first} to {last}",
    "hours.never_open": "no opening hours configured",
    "hours.week": "{week} (except holidays)",
    "hours.day_closed": "{date}: closed — {reason}",
    "hours.day_open": "{date} ({weekday}): {intervals}",
    "hours.opening_at": "{date} at {time}",
    "hours.slots": "Free slots for {minutes} min: {slots}",
    "hours.no_slots": "No free slot for {minutes} min.",
    "hours.invalid_duration": "Invalid duration: {value}. Give minutes, for example --slots 60.",
}
