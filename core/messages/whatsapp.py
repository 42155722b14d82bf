"""Texts of the WhatsApp surface itself: list buttons, paging and input the bot cannot take."""

PT_BR = {
    "wa.unsupported": "Não consigo tratar este tipo de mensagem. Escreva em texto ou envie uma "
    "foto, um documento ou um áudio. Escreva menu para ver as opções.",
    "wa.options": "Opções",
    "wa.more": "Mais opções",
    "wa.page": "Mais opções ({page}):",
    "wa.file": "Arquivo",
}

EN = {
    "wa.unsupported": "I cannot handle this kind of message. Please write text or send a photo, "
    "a document or an audio message. Write menu to see the options.",
    "wa.options": "Options",
    "wa.more": "More options",
    "wa.page": "More options ({page}):",
    "wa.file": "File",
}
