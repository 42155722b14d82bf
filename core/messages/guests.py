"""Texts of colleagues in a session: the invitation, joining, leaving and the end."""

PT_BR = {
    "sessions.guests.button.invite": "Convidar colega",
    "sessions.guests.button.leave": "Sair da sessão",
    "sessions.guests.invitation": "Convite para um colega da sua empresa entrar nesta sessão "
    "({id}). Código: **{code}** — vale para uma pessoa, até {until} (ou até o fim da sessão). "
    "A cobrança continua uma só, por sessão.",
    "sessions.guests.invitation.telegram": "Pelo Telegram: {url}",
    "sessions.guests.invitation.web": "Pelo chat do site: {url}",
    "sessions.guests.invitation.whatsapp": "Pelo WhatsApp: {url}",
    "sessions.guests.invitation.how": "Ou a pessoa envia ao bot o código {code} (no Telegram: "
    "/start {code}; no WhatsApp: CODIGO {code}; no chat do site: no campo do código de acesso ou "
    "como mensagem).",
    "sessions.guests.only_client": "Só quem abriu o atendimento pode convidar colegas.",
    "sessions.guests.full": "Esta sessão já tem {max} colegas, o máximo: não é possível "
    "convidar mais ninguém.",
    "sessions.guests.pending_full": "Com os convites ainda não usados, esta sessão já chega a "
    "{max} colegas, o máximo: espere que sejam usados ou expirem para pedir outro.",
    "sessions.guests.full_join": "Esta sessão já tem {max} colegas, o máximo: não foi possível "
    "entrar. Fale com quem enviou o convite.",
    "sessions.guests.code_unknown": "Este código de convite não existe. Confira o código ou peça "
    "um novo convite a quem está no atendimento.",
    "sessions.guests.code_used": "Este convite já foi usado. Peça um novo convite a quem está no "
    "atendimento.",
    "sessions.guests.code_expired": "Este convite expirou (ou o atendimento já terminou). Peça "
    "um novo convite a quem está no atendimento.",
    "sessions.guests.other_company": "Este convite é só para colegas da empresa de quem "
    "convidou, e o seu cadastro é de outra empresa: não foi possível entrar.",
    "sessions.guests.own_session": "Você já está neste atendimento.",
    "sessions.guests.already_in": "Você já entrou neste atendimento com este convite.",
    "sessions.guests.busy": "Você já tem um atendimento em andamento (ou um pedido na fila). "
    "Encerre-o antes de entrar no atendimento de um colega.",
    "sessions.guests.joined": "Você entrou no atendimento de {client} ({company}). O que você "
    "escrever aqui vai para a conversa com o seu nome, e você recebe as respostas. Para sair: "
    "/sair ou o botão abaixo.",
    "sessions.guests.you_left": "Você saiu do atendimento.",
    "sessions.guests.not_in": "Você não participa do atendimento de um colega agora. Para "
    "encerrar o seu atendimento, use o botão Encerrar atendimento.",
    "sessions.guests.ended": "O atendimento de {client} foi encerrado. Agradecemos a sua "
    "participação!",
    "sessions.guests.thread.joined": "{name} (colega de {client}) entrou na sessão.",
    "sessions.guests.thread.left": "{name} (colega de {client}) saiu da sessão.",
    "sessions.guests.client.joined": "{name} entrou na conversa.",
    "sessions.guests.client.left": "{name} saiu da conversa.",
    "web.console.role.guest": "colega do cliente",
}

EN = {
    "sessions.guests.button.invite": "Invite a colleague",
    "sessions.guests.button.leave": "Leave the session",
    "sessions.guests.invitation": "An invitation for a colleague of your company to join this "
    "session ({id}). Code: **{code}** — for one person, until {until} (or the session's end). "
    "Billing stays one per session.",
    "sessions.guests.invitation.telegram": "On Telegram: {url}",
    "sessions.guests.invitation.web": "In the web chat: {url}",
    "sessions.guests.invitation.whatsapp": "On WhatsApp: {url}",
    "sessions.guests.invitation.how": "Or they send the bot the code {code} (on Telegram: "
    "/start {code}; on WhatsApp: CODIGO {code}; in the web chat: in the access code field or "
    "as a message).",
    "sessions.guests.only_client": "Only the person who opened the session can invite colleagues.",
    "sessions.guests.full": "This session already has {max} colleagues, the maximum: nobody "
    "else can be invited.",
    "sessions.guests.pending_full": "With the invitations not used yet, this session already "
    "reaches {max} colleagues, the maximum: wait until they are used or expire to ask again.",
    "sessions.guests.full_join": "This session already has {max} colleagues, the maximum: you "
    "could not join. Talk to whoever sent you the invitation.",
    "sessions.guests.code_unknown": "This invitation code does not exist. Check the code or ask "
    "the person in the session for a new invitation.",
    "sessions.guests.code_used": "This invitation was already used. Ask the person in the "
    "session for a new one.",
    "sessions.guests.code_expired": "This invitation has expired (or the session has ended). "
    "Ask the person in the session for a new one.",
    "sessions.guests.other_company": "This invitation is only for colleagues of the inviting "
    "company, and you are registered with another company: you could not join.",
    "sessions.guests.own_session": "You are already in this session.",
    "sessions.guests.already_in": "You already joined this session with this invitation.",
    "sessions.guests.busy": "You already have a session in progress (or a request in the "
    "queue). End it before joining a colleague's session.",
    "sessions.guests.joined": "You joined {client}'s session ({company}). What you write here "
    "goes to the conversation with your name, and you get the answers. To leave: /leave or the "
    "button below.",
    "sessions.guests.you_left": "You left the session.",
    "sessions.guests.not_in": "You are not in a colleague's session now. To end your own "
    "session, use the End session button.",
    "sessions.guests.ended": "{client}'s session has ended. Thank you for taking part!",
    "sessions.guests.thread.joined": "{name} ({client}'s colleague) joined the session.",
    "sessions.guests.thread.left": "{name} ({client}'s colleague) left the session.",
    "sessions.guests.client.joined": "{name} joined the conversation.",
    "sessions.guests.client.left": "{name} left the conversation.",
    "web.console.role.guest": "client's colleague",
}
