"""Texts of the connection details: media, phone numbers, TeamViewer IDs, Terminal Service hosts."""

PT_BR = {
    "connection.medium.chat": "Chat",
    "connection.medium.phone": "Telefone",
    "connection.medium.teamviewer": "TeamViewer",
    "connection.medium.terminal": "Terminal Service com acesso remoto",
    "connection.medium.other": "Outro",
    "connection.detail.phone": "Telefone",
    "connection.detail.teamviewer": "ID do TeamViewer",
    "connection.detail.host": "Servidor (Terminal Service)",
    "connection.with_detail": "{medium} — {detail}",
    "connection.field": "Meio",
    "connection.line": "Meio: {connection}",
    "connection.unknown_medium": "Meio desconhecido: “{value}”. Use um destes: {valid}.",
    "connection.bad_phone": "“{value}” não é um telefone válido. Envie o número com DDD, por "
    "exemplo (11) 98765-4321 ou +55 11 98765-4321.",
    "connection.bad_teamviewer": "“{value}” não é um ID do TeamViewer válido: são 9 ou 10 "
    "dígitos, por exemplo 123 456 789.",
    "connection.bad_host": "“{value}” não é um servidor válido. Envie o nome ou o IP do servidor, "
    "por exemplo ts.empresa.com.br ou 192.168.0.10 (com :porta, se houver).",
    "connection.no_detail": "O meio {medium} não usa telefone, ID nem servidor.",
    "connection.no_passwords": "Nunca envie senhas aqui: a senha de acesso remoto, se for "
    "necessária, você passa ao consultor durante o atendimento.",
    "connection.ask.phone": "Qual o telefone para o consultor ligar? Envie o número com DDD, por "
    "exemplo (11) 98765-4321.",
    "connection.ask.teamviewer": "Qual o ID do TeamViewer do computador a acessar? (9 ou 10 "
    "dígitos, aparece na janela do TeamViewer)",
    "connection.ask.host": "Qual o servidor do Terminal Service (nome ou IP)?",
    "connection.button.medium": "Meio de atendimento",
    "connection.modal.title": "Meio de atendimento",
    "connection.modal.medium": "Meio",
    "connection.modal.detail": "Telefone, ID do TeamViewer ou servidor",
    "connection.modal.detail_hint": "Sem senhas: elas vão só na conversa.",
    "web.console.session.medium_save": "Alterar meio",
    "connection.session.thread": "Meio de atendimento alterado por <@{by}>: {connection}.",
    "connection.session.thread_asked": "Meio de atendimento alterado por <@{by}>: {connection}. "
    "O telefone do cliente foi pedido a ele.",
    "connection.session.client": "O atendimento agora é por {connection}.",
    "connection.session.client_ask_phone": "O atendimento agora é por telefone. Qual o número "
    "para o consultor ligar? Envie-o com DDD, por exemplo (11) 98765-4321.",
    "connection.session.phone_received": "Telefone do cliente: {phone}.",
    "connection.session.same": "O atendimento já é por {connection}.",
}

EN = {
    "connection.medium.chat": "Chat",
    "connection.medium.phone": "Phone",
    "connection.medium.teamviewer": "TeamViewer",
    "connection.medium.terminal": "Terminal Service with remote access",
    "connection.medium.other": "Other",
    "connection.detail.phone": "Phone",
    "connection.detail.teamviewer": "TeamViewer ID",
    "connection.detail.host": "Server (Terminal Service)",
    "connection.with_detail": "{medium} — {detail}",
    "connection.field": "Medium",
    "connection.line": "Medium: {connection}",
    "connection.unknown_medium": "Unknown medium: “{value}”. Use one of: {valid}.",
    "connection.bad_phone": "“{value}” is not a valid phone number. Send it with the area code, "
    "for example (11) 98765-4321 or +55 11 98765-4321.",
    "connection.bad_teamviewer": "“{value}” is not a valid TeamViewer ID: it has 9 or 10 digits, "
    "for example 123 456 789.",
    "connection.bad_host": "“{value}” is not a valid server. Send the server's name or IP, for "
    "example ts.company.com or 192.168.0.10 (with :port, if any).",
    "connection.no_detail": "The medium {medium} takes no phone, ID or server.",
    "connection.no_passwords": "Never send passwords here: if a remote-access password is needed, "
    "give it to the consultant during the session.",
    "connection.ask.phone": "Which phone number should the consultant call? Send it with the area "
    "code, for example (11) 98765-4321.",
    "connection.ask.teamviewer": "What is the TeamViewer ID of the computer to access? (9 or 10 "
    "digits, shown in the TeamViewer window)",
    "connection.ask.host": "What is the Terminal Service server (name or IP)?",
    "connection.button.medium": "Session medium",
    "connection.modal.title": "Session medium",
    "connection.modal.medium": "Medium",
    "connection.modal.detail": "Phone, TeamViewer ID or server",
    "connection.modal.detail_hint": "No passwords: they go only in the conversation.",
    "web.console.session.medium_save": "Change medium",
    "connection.session.thread": "Session medium changed by <@{by}>: {connection}.",
    "connection.session.thread_asked": "Session medium changed by <@{by}>: {connection}. "
    "The client was asked for their phone number.",
    "connection.session.client": "The session is now by {connection}.",
    "connection.session.client_ask_phone": "The session is now by phone. Which number should the "
    "consultant call? Send it with the area code, for example (11) 98765-4321.",
    "connection.session.phone_received": "Client's phone: {phone}.",
    "connection.session.same": "The session is already by {connection}.",
}
