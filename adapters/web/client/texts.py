"""Texts of the client chat page itself (the service's own texts come from ``core.messages``)."""

from __future__ import annotations

from typing import Any

from core.messages import normalise_language

PT_BR = {
    "chat.title": "Consultoria Online",
    "chat.subtitle": "Consultoria paga com especialistas do seu ERP",
    "chat.code_label": "Código de acesso da sua empresa",
    "chat.code_hint": "Peça o código ao responsável pelo contrato na sua empresa.",
    "chat.code_button": "Entrar",
    "chat.name_label": "Seu nome",
    "chat.name_optional": "(opcional)",
    "chat.name_hint": "Assim o consultor sabe com quem fala.",
    "chat.name_ask": "Como podemos chamar você?",
    "chat.name_button": "Salvar",
    "notice.name_empty": "Digite seu nome.",
    "chat.placeholder": "Escreva sua mensagem",
    "chat.send": "Enviar",
    "chat.menu": "Menu",
    "chat.language": "Idioma",
    "chat.you": "Você",
    "chat.connecting": "Conectando…",
    "chat.offline": "Sem conexão; tentando de novo…",
    "chat.failed": "Não foi possível enviar. Verifique a conexão e tente de novo.",
    "chat.noscript": "Este chat precisa de JavaScript ativado no navegador.",
    "chat.attachment": "Arquivo",
    "notice.csrf": "Sua sessão expirou. Recarregue a página e tente de novo.",
    "notice.bad_request": "Pedido inválido. Recarregue a página e tente de novo.",
    "notice.empty": "Escreva uma mensagem antes de enviar.",
    "notice.too_long": "Mensagem longa demais: {length} caracteres (o máximo é {limit}).",
    "notice.code_empty": "Digite o código de acesso da sua empresa.",
    "notice.language": "Idioma alterado.",
    "chat.attach": "Anexar arquivo",
    "chat.attach_hint": "Fotos (JPG, PNG, GIF, WEBP) ou documentos (PDF, TXT, CSV, XML, Word, "
    "Excel, PowerPoint, OpenDocument), até {limit}.",
    "chat.uploading": "Enviando arquivo…",
    "chat.not_available": "não disponível aqui",
    "notice.file_missing": "Escolha um arquivo para enviar.",
    "notice.file_empty": "O arquivo está vazio.",
    "notice.file_too_big": "Arquivo grande demais (o máximo é {limit}).",
    "notice.file_type": "Tipo de arquivo não aceito: {name}. Envie fotos (JPG, PNG, GIF, WEBP) "
    "ou documentos (PDF, TXT, CSV, XML, Word, Excel, PowerPoint, OpenDocument).",
}

EN = {
    "chat.title": "Consultoria Online",
    "chat.subtitle": "Paid consulting with your ERP's specialists",
    "chat.code_label": "Your company's access code",
    "chat.code_hint": "Ask the person in charge of the contract at your company for the code.",
    "chat.code_button": "Enter",
    "chat.name_label": "Your name",
    "chat.name_optional": "(optional)",
    "chat.name_hint": "So the consultant knows who they are talking to.",
    "chat.name_ask": "What should we call you?",
    "chat.name_button": "Save",
    "notice.name_empty": "Type your name.",
    "chat.placeholder": "Write your message",
    "chat.send": "Send",
    "chat.menu": "Menu",
    "chat.language": "Language",
    "chat.you": "You",
    "chat.connecting": "Connecting…",
    "chat.offline": "Offline; trying again…",
    "chat.failed": "Could not send. Check the connection and try again.",
    "chat.noscript": "This chat needs JavaScript enabled in the browser.",
    "chat.attachment": "File",
    "notice.csrf": "Your session has expired. Reload the page and try again.",
    "notice.bad_request": "Bad request. Reload the page and try again.",
    "notice.empty": "Write a message before sending.",
    "notice.too_long": "Message too long: {length} characters (at most {limit}).",
    "notice.code_empty": "Type your company's access code.",
    "notice.language": "Language changed.",
    "chat.attach": "Attach a file",
    "chat.attach_hint": "Photos (JPG, PNG, GIF, WEBP) or documents (PDF, TXT, CSV, XML, Word, "
    "Excel, PowerPoint, OpenDocument), up to {limit}.",
    "chat.uploading": "Sending the file…",
    "chat.not_available": "not available here",
    "notice.file_missing": "Choose a file to send.",
    "notice.file_empty": "The file is empty.",
    "notice.file_too_big": "File too large (at most {limit}).",
    "notice.file_type": "File type not accepted: {name}. Send photos (JPG, PNG, GIF, WEBP) "
    "or documents (PDF, TXT, CSV, XML, Word, Excel, PowerPoint, OpenDocument).",
}

_CATALOGUES = {"pt-BR": PT_BR, "en": EN}


def chat_text(key: str, language: str | None = None, **params: Any) -> str:
    """The page text ``key`` in ``language`` (pt-BR when unknown)."""
    template = _CATALOGUES[normalise_language(language)].get(key) or PT_BR[key]
    return template.format(**params) if params else template


def page_texts(language: str) -> dict[str, str]:
    """Every page text in ``language`` (for the template)."""
    return {key: chat_text(key, language) for key in PT_BR}
