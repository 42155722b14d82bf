"""Texts of billing: money and duration refusals, and the summary of a billed session."""

PT_BR = {
    "billing.invalid_money": "Valor inválido: '{value}'. Use um valor positivo em reais, "
    "por exemplo, 180,00.",
    "billing.rate_not_positive": "O valor da hora precisa ser maior que zero (recebido: "
    "'{value}'). Use, por exemplo, 180,00.",
    "billing.invalid_minutes": "Duração inválida: '{value}'. Informe um número inteiro de "
    "minutos, zero ou mais, por exemplo, 45.",
    "billing.invalid_periods": "Quantidade de períodos inválida: '{value}'. "
    "Ela precisa ser zero ou mais.",
    "billing.end_before_start": "O fim da sessão é anterior ao início; confira os horários.",
    "billing.summary.title": "Resumo da cobrança",
    "billing.summary.started": "Início: {value}",
    "billing.summary.ended": "Fim: {value}",
    "billing.summary.duration": "Duração: {value}",
    "billing.summary.periods": "Períodos cobrados: {value}",
    "billing.summary.rate": "Valor da hora: {value}",
    "billing.summary.amount": "Total: {value}",
    "billing.duration.minutes": "{minutes} min",
    "billing.duration.hours": "{hours} h {minutes:02d} min",
}

EN = {
    "billing.invalid_money": "Invalid amount: '{value}'. Use a positive amount in reais, "
    "for example 180,00.",
    "billing.rate_not_positive": "The hourly rate must be greater than zero (got "
    "'{value}'). Use, for example, 180,00.",
    "billing.invalid_minutes": "Invalid duration: '{value}'. Give a whole number of minutes, "
    "zero or more, for example 45.",
    "billing.invalid_periods": "Invalid number of periods: '{value}'. It must be zero or more.",
    "billing.end_before_start": "The session ends before it starts; check the times.",
    "billing.summary.title": "Billing summary",
    "billing.summary.started": "Start: {value}",
    "billing.summary.ended": "End: {value}",
    "billing.summary.duration": "Duration: {value}",
    "billing.summary.periods": "Billed periods: {value}",
    "billing.summary.rate": "Hourly rate: {value}",
    "billing.summary.amount": "Total: {value}",
    "billing.duration.minutes": "{minutes} min",
    "billing.duration.hours": "{hours} h {minutes:02d} min",
}
