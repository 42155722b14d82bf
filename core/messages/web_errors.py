"""Texts of the web app's error pages and JSON refusals (never a trace)."""

PT_BR = {
    "web.error.title.400": "Pedido inválido",
    "web.error.title.403": "Acesso negado",
    "web.error.title.404": "Página não encontrada",
    "web.error.title.405": "Operação não permitida",
    "web.error.title.413": "Conteúdo grande demais",
    "web.error.title.429": "Muitas conexões",
    "web.error.title.500": "Algo deu errado",
    "web.error.text.400": "O pedido não pôde ser entendido. Volte e tente de novo.",
    "web.error.text.403": "Você não tem permissão para isto, ou a sua sessão expirou. "
    "Recarregue a página e tente de novo.",
    "web.error.text.404": "Não encontramos o endereço {path}.",
    "web.error.text.405": "Este endereço não aceita esta operação.",
    "web.error.text.413": "O conteúdo enviado é grande demais.",
    "web.error.text.429": "Há abas demais abertas com esta página. Feche algumas e recarregue.",
    "web.error.text.500": "Desculpe, algo deu errado do nosso lado. Já registramos o problema; "
    "tente de novo em instantes.",
    "web.error.back": "Ir para o chat",
}

EN = {
    "web.error.title.400": "Bad request",
    "web.error.title.403": "Access denied",
    "web.error.title.404": "Page not found",
    "web.error.title.405": "Not allowed",
    "web.error.title.413": "Too large",
    "web.error.title.429": "Too many connections",
    "web.error.title.500": "Something went wrong",
    "web.error.text.400": "The request could not be understood. Go back and try again.",
    "web.error.text.403": "You are not allowed to do this, or your session has expired. "
    "Reload the page and try again.",
    "web.error.text.404": "We could not find {path}.",
    "web.error.text.405": "This address does not accept this operation.",
    "web.error.text.413": "What was sent is too large.",
    "web.error.text.429": "Too many tabs have this page open. Close some and reload.",
    "web.error.text.500": "Sorry, something went wrong on our side. We have logged the problem; "
    "please try again in a moment.",
    "web.error.back": "Go to the chat",
}
