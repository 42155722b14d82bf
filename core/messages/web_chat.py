"""Texts of the client chat page itself: its labels (``web.chat.*``) and its refusals
(``web.chat.notice.*``); the service's own texts are the other modules'."""

PT_BR = {
    "web.chat.title": "Consultoria Online",
    "web.chat.subtitle": "Consultoria paga com especialistas do seu ERP",
    "web.chat.code_label": "Código de acesso da sua empresa",
    "web.chat.code_hint": "Peça o código ao responsável pelo contrato na sua empresa.",
    "web.chat.code_button": "Entrar",
    "web.chat.name_label": "Seu nome",
    "web.chat.name_optional": "(opcional)",
    "web.chat.name_hint": "Assim o consultor sabe com quem fala.",
    "web.chat.name_ask": "Como podemos chamar você?",
    "web.chat.name_button": "Salvar",
    "web.chat.notice.name_empty": "Digite seu nome.",
    "web.chat.placeholder": "Escreva sua mensagem",
    "web.chat.send": "Enviar",
    "web.chat.menu": "Menu",
    "web.chat.language": "Idioma",
    "web.chat.you": "Você",
    "web.chat.connecting": "Conectando…",
    "web.chat.offline": "Sem conexão; tentando de novo…",
    "web.chat.failed": "Não foi possível enviar. Verifique a conexão e tente de novo.",
    "web.chat.noscript": "Este chat precisa de JavaScript ativado no navegador.",
    "web.chat.attachment": "Arquivo",
    "web.chat.notice.csrf": "Sua sessão expirou. Recarregue a página e tente de novo.",
    "web.chat.notice.bad_request": "Pedido inválido. Recarregue a página e tente de novo.",
    "web.chat.notice.unlinked_throttled": "Muitas tentativas deste endereço. Tente de novo em "
    "{minutes} min.",
    "web.chat.notice.upload_not_linked": "Para enviar arquivos, informe antes o código de acesso "
    "da sua empresa.",
    "web.chat.notice.upload_no_request": "Arquivos podem ser enviados durante um pedido ou um "
    "atendimento. Escolha antes uma opção do menu.",
    "web.chat.notice.upload_rate": "Muitos arquivos em pouco tempo (no máximo {count} por "
    "hora). Tente de novo mais tarde.",
    "web.chat.notice.upload_quota": "Limite de arquivos do dia atingido ({limit} MB em 24 "
    "horas). Tente de novo amanhã.",
    "web.chat.notice.empty": "Escreva uma mensagem antes de enviar.",
    "web.chat.notice.too_long": "Mensagem longa demais: {length} caracteres (o máximo é {limit}).",
    "web.chat.notice.code_empty": "Digite o código de acesso da sua empresa.",
    "web.chat.notice.language": "Idioma alterado.",
    "web.chat.attach": "Anexar arquivo",
    "web.chat.attach_hint": "Fotos (JPG, PNG, GIF, WEBP) ou documentos (PDF, TXT, CSV, XML, Word, "
    "Excel, PowerPoint, OpenDocument), até {limit}.",
    "web.chat.uploading": "Enviando arquivo…",
    "web.chat.not_available": "não disponível aqui",
    "web.chat.notice.file_missing": "Escolha um arquivo para enviar.",
    "web.chat.notice.file_empty": "O arquivo está vazio.",
    "web.chat.notice.file_too_big": "Arquivo grande demais (o máximo é {limit}).",
    "web.chat.notice.file_type": "Tipo de arquivo não aceito: {name}. Envie fotos (JPG, PNG, GIF, WEBP) "
    "ou documentos (PDF, TXT, CSV, XML, Word, Excel, PowerPoint, OpenDocument).",
}

EN = {
    "web.chat.title": "Consultoria Online",
    "web.chat.subtitle": "Paid consulting with your ERP's specialists",
    "web.chat.code_label": "Your company's access code",
    "web.chat.code_hint": "Ask the person in charge of the contract at your company for the code.",
    "web.chat.code_button": "Enter",
    "web.chat.name_label": "Your name",
    "web.chat.name_optional": "(optional)",
    "web.chat.name_hint": "So the consultant knows who they are talking to.",
    "web.chat.name_ask": "What should we call you?",
    "web.chat.name_button": "Save",
    "web.chat.notice.name_empty": "Type your name.",
    "web.chat.placeholder": "Write your message",
    "web.chat.send": "Send",
    "web.chat.menu": "Menu",
    "web.chat.language": "Language",
    "web.chat.you": "You",
    "web.chat.connecting": "Connecting…",
    "web.chat.offline": "Offline; trying again…",
    "web.chat.failed": "Could not send. Check the connection and try again.",
    "web.chat.noscript": "This chat needs JavaScript enabled in the browser.",
    "web.chat.attachment": "File",
    "web.chat.notice.csrf": "Your session has expired. Reload the page and try again.",
    "web.chat.notice.bad_request": "Bad request. Reload the page and try again.",
    "web.chat.notice.unlinked_throttled": "Too many attempts from this address. Please try "
    "again in {minutes} min.",
    "web.chat.notice.upload_not_linked": "To send files, first give your company's access code.",
    "web.chat.notice.upload_no_request": "Files can be sent during a request or a session. "
    "Choose an option of the menu first.",
    "web.chat.notice.upload_rate": "Too many files in a short time (at most {count} an hour). "
    "Please try again later.",
    "web.chat.notice.upload_quota": "Today's file limit reached ({limit} MB in 24 hours). "
    "Please try again tomorrow.",
    "web.chat.notice.empty": "Write a message before sending.",
    "web.chat.notice.too_long": "Message too long: {length} characters (at most {limit}).",
    "web.chat.notice.code_empty": "Type your company's access code.",
    "web.chat.notice.language": "Language changed.",
    "web.chat.attach": "Attach a file",
    "web.chat.attach_hint": "Photos (JPG, PNG, GIF, WEBP) or documents (PDF, TXT, CSV, XML, Word, "
    "Excel, PowerPoint, OpenDocument), up to {limit}.",
    "web.chat.uploading": "Sending the file…",
    "web.chat.not_available": "not available here",
    "web.chat.notice.file_missing": "Choose a file to send.",
    "web.chat.notice.file_empty": "The file is empty.",
    "web.chat.notice.file_too_big": "File too large (at most {limit}).",
    "web.chat.notice.file_type": "File type not accepted: {name}. Send photos (JPG, PNG, GIF, WEBP) "
    "or documents (PDF, TXT, CSV, XML, Word, Excel, PowerPoint, OpenDocument).",
}
