"""Texts shared by every part: generic errors and words."""

PT_BR = {
    "error.unexpected": "Desculpe, algo deu errado do nosso lado. Já registramos o problema; "
    "tente novamente em instantes.",
    "error.invalid_date": "Data inválida: {value!r}. Use o formato dd/mm/aaaa, por exemplo 25/12/2026.",
    "error.invalid_time": "Horário inválido: {value!r}. Use hh:mm em 24 horas, por exemplo 14:30.",
    "error.invalid_month": "Mês inválido: {value!r}. Use aaaa-mm, por exemplo 2026-11.",
}

EN = {
    "error.unexpected": "Sorry, something went wrong on our side. We have logged the problem; "
    "please try again in a moment.",
    "error.invalid_date": "Invalid date: {value!r}. Use dd/mm/yyyy, for example 25/12/2026.",
    "error.invalid_time": "Invalid time: {value!r}. Use 24-hour hh:mm, for example 14:30.",
    "error.invalid_month": "Invalid month: {value!r}. Use yyyy-mm, for example 2026-11.",
}
