"""Texts of the Slack surface itself: modal buttons, the App Home tab, ``/consultor`` usage."""

PT_BR = {
    "slack.modal.submit": "Confirmar",
    "slack.modal.cancel": "Cancelar",
    "slack.modal.choose": "Escolha…",
    "slack.modal.specialist_hint": "Escolha um consultor ou uma área (o primeiro livre dela).",
    "slack.home.title": "Consultoria Online",
    "slack.home.today": "Seus agendamentos de hoje",
    "slack.home.not_consultant": "Você não está cadastrado como consultor.",
    "slack.consultor.usage": "Uso: /consultor disponivel | ocupado | ausente | status",
}

EN = {
    "slack.modal.submit": "Confirm",
    "slack.modal.cancel": "Cancel",
    "slack.modal.choose": "Choose…",
    "slack.modal.specialist_hint": "Choose a consultant or an area (its first free consultant).",
    "slack.home.title": "Online Consulting",
    "slack.home.today": "Your bookings today",
    "slack.home.not_consultant": "You are not registered as a consultant.",
    "slack.consultor.usage": "Usage: /consultor disponivel | ocupado | ausente | status",
}
