"""Texts of the Telegram surface itself: command descriptions and input the bot cannot take."""

PT_BR = {
    "tg.command.start": "Menu principal (ou vincular com um código de acesso)",
    "tg.command.ajuda": "Como funciona o atendimento",
    "tg.command.cancelar": "Desistir do pedido em andamento ou sair da fila",
    "tg.command.agendamentos": "Meus agendamentos: ver, remarcar ou cancelar",
    "tg.command.suporte": "Suporte técnico gratuito",
    "tg.command.convidar": "Convidar um colega da empresa para o atendimento em andamento",
    "tg.command.sair": "Sair do atendimento de um colega",
    "tg.sticker": "Recebi uma figurinha, mas não consigo entendê-la. Escreva em texto ou envie "
    "uma foto, um documento ou um áudio. Envie /start para ver o menu.",
    "tg.unsupported": "Não consigo tratar este tipo de mensagem. Escreva em texto ou envie uma "
    "foto, um documento ou um áudio. Envie /start para ver o menu.",
    "tg.group": "Eu atendo apenas em conversa privada. Abra uma conversa comigo: "
    "https://t.me/{bot}",
    "tg.unknown_command": "Comando desconhecido. Comandos: /start, /ajuda, /cancelar, "
    "/agendamentos, /suporte, /convidar, /sair.",
}

EN = {
    "tg.command.start": "Main menu (or link with an access code)",
    "tg.command.ajuda": "How the service works",
    "tg.command.cancelar": "Drop the current request or leave the queue",
    "tg.command.agendamentos": "My bookings: see, move or cancel",
    "tg.command.suporte": "Free technical support",
    "tg.command.convidar": "Invite a colleague of your company into the current session",
    "tg.command.sair": "Leave a colleague's session",
    "tg.sticker": "I got a sticker, but I cannot read it. Please write text or send a photo, a "
    "document or a voice note. Send /start to see the menu.",
    "tg.unsupported": "I cannot handle this kind of message. Please write text or send a photo, "
    "a document or a voice note. Send /start to see the menu.",
    "tg.group": "I only work in a private chat. Open one with me: https://t.me/{bot}",
    "tg.unknown_command": "Unknown command. Commands: /start, /ajuda, /cancelar, "
    "/agendamentos, /suporte, /convidar, /sair.",
}
