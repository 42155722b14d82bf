"""Texts of the WhatsApp surface itself: list buttons, paging and input the bot cannot take."""

PT_BR = {
    "wa.unsupported": "Não consigo tratar este tipo de mensagem. Escreva em texto ou envie uma "
    "foto, um documento ou um áudio. Escreva /menu para ver as opções.",
    "wa.options": "Opções",
    "wa.more": "Mais opções",
    "wa.page": "Mais opções ({page}):",
    "wa.file": "Arquivo",
    "wa.template.name": "Nome",
    "wa.template.category": "Categoria",
    "wa.template.language": "Idioma",
    "wa.template.body_label": "Corpo",
    "wa.template.example": "Exemplo do parâmetro",
    "wa.template.unset": "(ainda não configurado: fora da janela de 24 horas este aviso espera a "
    "próxima mensagem do cliente)",
    "wa.template.reminder.body": "Consultoria Online — sobre o seu agendamento:",
    "wa.template.reminder.example": "Seu atendimento é amanhã, 24/11, às 10:00, com Bruno Lima.",
    "wa.template.opening.body": "Consultoria Online — estamos atendendo:",
    "wa.template.opening.example": "Já abrimos. Escreva para continuar o seu pedido.",
    "wa.template.summary.body": "Consultoria Online — resumo do seu atendimento:",
    "wa.template.summary.example": "Duração 45 min · 2 períodos · Total R$ 180,00",
    "wa.template.nudge.body": "Consultoria Online — há uma nova mensagem para você. Responda "
    "esta mensagem para vê-la.",
    "wa.template.header_label": "Cabeçalho",
    "wa.template.header_document": "DOCUMENTO (o convite .ics do agendamento; no exemplo, "
    "qualquer arquivo)",
    "wa.template.buttons_label": "Botões de resposta rápida, nesta ordem",
    "wa.template.booking.body": "Consultoria Online — o seu agendamento (o convite para a sua "
    "agenda vai anexo):",
    "wa.template.booking.example": "Atendimento agendado para 24/11/2026, às 10:00, com Bruno "
    "Lima.",
}

EN = {
    "wa.unsupported": "I cannot handle this kind of message. Please write text or send a photo, "
    "a document or an audio message. Write /menu to see the options.",
    "wa.options": "Options",
    "wa.more": "More options",
    "wa.page": "More options ({page}):",
    "wa.file": "File",
    "wa.template.name": "Name",
    "wa.template.category": "Category",
    "wa.template.language": "Language",
    "wa.template.body_label": "Body",
    "wa.template.example": "Parameter example",
    "wa.template.unset": "(not configured yet: outside the 24-hour window this notice waits for "
    "the client's next message)",
    "wa.template.reminder.body": "Consultoria Online — about your booking:",
    "wa.template.reminder.example": "Your session is tomorrow, 24/11, at 10:00, with Bruno Lima.",
    "wa.template.opening.body": "Consultoria Online — we are open:",
    "wa.template.opening.example": "We are open again. Write to go on with your request.",
    "wa.template.summary.body": "Consultoria Online — the summary of your session:",
    "wa.template.summary.example": "45 min · 2 periods · Total R$ 180,00",
    "wa.template.nudge.body": "Consultoria Online — there is a new message for you. Reply to "
    "this message to see it.",
    "wa.template.header_label": "Header",
    "wa.template.header_document": "DOCUMENT (the booking's .ics invite; any file as the example)",
    "wa.template.buttons_label": "Quick reply buttons, in this order",
    "wa.template.booking.body": "Consultoria Online — your booking (the invite for your calendar "
    "is attached):",
    "wa.template.booking.example": "Session booked for 24/11/2026, at 10:00, with Bruno Lima.",
}
