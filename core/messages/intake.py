"""Texts of the client's way in (SPEC 5, steps 1-5): linking, menu, consulting request, terms."""

PT_BR = {
    "intake.menu.consult": "Consultoria Online",
    "intake.menu.support": "Suporte técnico",
    "intake.menu.bookings": "Meus agendamentos",
    "intake.menu.help": "Ajuda",
    "intake.greeting": "Olá, {name}! Aqui é a Consultoria Online ({company}).\nComo posso ajudar?",
    "intake.greeting_anonymous": "Olá! Aqui é a Consultoria Online ({company}).\n"
    "Como posso ajudar?",
    "intake.menu.prompt": "Escolha uma opção:",
    "intake.help": "**Como funciona**\n"
    "- **Consultoria Online** (paga): um consultor ensina você a usar o sistema, sem hora "
    "marcada. Antes de começar, mostramos os termos com o valor da hora da sua empresa; "
    "nada é cobrado sem o seu aceite. Cobrança em períodos de {period} minutos, mínimo de "
    "{minimum} minutos.\n"
    "- **Suporte técnico** (gratuito): dúvidas pontuais, problemas técnicos e defeitos.\n"
    "- **Meus agendamentos**: veja, remarque ou cancele os seus horários.\n"
    "**Horário de atendimento**: {hours}. Fora dele, você pode agendar um "
    "horário ou deixar um recado para a equipe.\n"
    "Comandos: /start mostra o menu; /cancelar desiste do pedido em andamento.",
    "intake.help.more_info": "**Mais informações**: {contacts}",
    "intake.unlinked": "Olá! Para atender você, preciso saber de qual empresa você é.\n"
    "Envie o **código de acesso** da sua empresa (8 letras e números). Se não tiver um, "
    "toque em Não tenho código.",
    "intake.code_needed": "Não reconheci um código de acesso nessa mensagem. Envie o **código "
    "de acesso** da sua empresa (8 letras e números) ou, se não tiver um, toque em Não tenho "
    "código.",
    "intake.code_unknown": "Não encontrei uma empresa ativa com o código {code}. Confira o "
    "código e envie de novo ou, se não tiver um, toque em Não tenho código.",
    "intake.no_code": "Não tenho código",
    "intake.answered": "✔️ Você escolheu: {choice}",
    "intake.link.ask_company": "Sem problema. Qual é o **nome ou o CNPJ** da sua empresa? Uma "
    "secretária confirma o vínculo e aviso aqui.",
    "intake.code_not_recognised": "Não reconheci o código {code}. Este chat continua com a "
    "empresa {company}.",
    "intake.already_linked": "Este chat já está com a empresa {company}.",
    "intake.switch.question": "O código enviado é da empresa {target}. Este chat está com a "
    "empresa {current}. Quer trocar para {target}?",
    "intake.switch.confirm": "Trocar para {company}",
    "intake.switch.keep": "Continuar com {company}",
    "intake.switch.kept": "Certo: este chat continua com a empresa {company}.",
    "intake.switch.busy": "Não é possível trocar de empresa durante um atendimento ou com um "
    "pedido na fila. Termine ou cancele primeiro e envie o código de novo.",
    "intake.switch.expired": "A pergunta sobre a troca de empresa expirou. Envie o código de "
    "novo se ainda quiser trocar.",
    "intake.switch.unavailable": "A empresa desse código não está mais ativa. Este chat "
    "continua com a empresa atual.",
    "intake.linked": "Pronto! O seu acesso está vinculado à empresa {company}.",
    "intake.link.waiting": "Obrigado! Pedi a uma secretária que confirme o seu vínculo com "
    '"{hint}". Aviso aqui assim que for confirmado.',
    "intake.link.still_waiting": 'O seu pedido de vínculo com "{hint}" ainda aguarda a '
    "confirmação de uma secretária. Se tiver o código de acesso da empresa, envie-o aqui.",
    "intake.link.card_title": "Pedido de vínculo",
    "intake.link.card_text": '{name} pede vínculo com a empresa "{hint}".',
    "intake.link.field_contact": "Contato",
    "intake.link.field_hint": "Empresa informada",
    "intake.link.field_candidates": "Empresas encontradas",
    "intake.link.no_candidates": "nenhuma",
    "intake.link.approve": "Aprovar",
    "intake.link.approve_company": "Aprovar: {company}",
    "intake.link.refuse": "Recusar",
    "intake.link.approved_card": "Vínculo aprovado por <@{by}>: {name} → {company}.",
    "intake.link.refused_card": 'Vínculo recusado por <@{by}>: {name} ("{hint}").',
    "intake.link.refused_client": 'Não foi possível confirmar o seu vínculo com "{hint}". '
    "Se a sua empresa tem um código de acesso, envie-o aqui; ou fale com o responsável pelo "
    "sistema na sua empresa.",
    "intake.link.forbidden": "Somente secretárias podem aprovar ou recusar vínculos.",
    "intake.link.outcome.approved": "aprovado",
    "intake.link.outcome.refused": "recusado",
    "intake.link.already_decided": "Este pedido de vínculo já foi {outcome} por <@{by}> em {when}.",
    "intake.link.not_found": "Pedido de vínculo {id} não encontrado.",
    "intake.link.choose_company": 'Escolha a empresa do vínculo: "{hint}" corresponde a '
    "{count} empresas cadastradas ({candidates}).",
    "intake.link.unknown_company": "Empresa {id} não encontrada ou inativa.",
    "intake.company_inactive": "O atendimento da empresa {company} não está ativo no momento. "
    "Fale com o responsável pelo sistema na sua empresa.",
    "intake.unserved": "Pedimos desculpas: a Consultoria Online ainda não está disponível para "
    "a linha de produto {product_line}. Nada foi registrado nem cobrado. O suporte técnico "
    "gratuito continua à sua disposição.",
    "intake.waiting_message_kept": "Recebido! Sua mensagem fica junto com o pedido {id}: o "
    "consultor vai lê-la quando assumir o atendimento. Você continua na fila.",
    "intake.already_waiting": "Você já está na fila com o pedido {id}. Aguarde: aviso aqui "
    "quando um consultor assumir.",
    "intake.already_in_session": "Você já está em atendimento. Escreva aqui para falar com "
    "quem está atendendo você.",
    "intake.in_support": "Você está em uma conversa de suporte técnico. Se quiser, ela pode "
    "continuar como Consultoria Online (paga): toque em Quero Consultoria Online.",
    "intake.area.question": "Em qual área é a sua dúvida?",
    "intake.area.unknown": "Não sei",
    "intake.describe.question": "Área: {area}.\nEm uma frase, o que você quer aprender?",
    "intake.area.none": "a definir",
    "intake.describe.empty": "Escreva em uma frase o que você quer aprender.",
    "intake.describe.too_long": "A descrição tem {length} caracteres; o limite é {limit}. "
    "Resuma em uma frase, por favor.",
    "intake.terms.accept": "Aceito",
    "intake.terms.refuse": "Não aceito",
    "intake.terms.unavailable": "Os termos da Consultoria Online não estão disponíveis agora. "
    "Tente novamente em instantes.",
    "intake.terms.answered_yes": "✅ Aceito em {when}.",
    "intake.terms.answered_no": "❌ Não aceito em {when}.",
    "intake.terms.pending": "Para continuar, responda aos termos acima: Aceito ou Não aceito. "
    "Para desistir, envie /cancelar.",
    "intake.expired": "Esta opção expirou. Envie /start para ver o menu.",
    "intake.expired.web": "Esta opção expirou. Toque em Menu para ver as opções.",
    "intake.accepted": "Aceite registrado em {when}. Obrigado!",
    "intake.refused": "Tudo bem: registramos que você não aceitou os termos e nada será "
    "cobrado. O suporte técnico gratuito continua à sua disposição.",
    "intake.cancelled": "Pedido cancelado. Nada foi cobrado.",
    "intake.nothing_to_cancel": "Você não tem nenhum pedido em andamento.",
    "intake.cancel_in_session": "Você está em atendimento. Para encerrar, use o botão "
    "Encerrar ou peça a quem está atendendo você.",
    "intake.not_linked": "Antes, preciso saber de qual empresa você é. Envie o código de "
    "acesso da sua empresa ou, se não tiver um, toque em Não tenho código.",
    "intake.unknown_contact": "Não encontrei o seu cadastro. Envie /start para começar.",
    "intake.unknown_contact.web": "Não encontrei o seu cadastro. Informe o código de acesso "
    "da sua empresa para começar.",
}

EN = {
    "intake.menu.consult": "Online Consulting",
    "intake.menu.support": "Technical support",
    "intake.menu.bookings": "My bookings",
    "intake.menu.help": "Help",
    "intake.greeting": "Hello, {name}! This is Online Consulting ({company}).\nHow can I help?",
    "intake.greeting_anonymous": "Hello! This is Online Consulting ({company}).\nHow can I help?",
    "intake.menu.prompt": "Choose an option:",
    "intake.help": "**How it works**\n"
    "- **Online Consulting** (paid): a consultant teaches you to use the system, no "
    "appointment needed. Before it starts we show the terms with your company's hourly rate; "
    "nothing is billed without your acceptance. Billed in {period}-minute periods, "
    "{minimum} minutes minimum.\n"
    "- **Technical support** (free): one-off questions, technical trouble and defects.\n"
    "- **My bookings**: see, move or cancel your bookings.\n"
    "**Opening hours**: {hours}. Outside them you can book a time "
    "or leave a message for the team.\n"
    "Commands: /start shows the menu; /cancelar drops the request in progress.",
    "intake.help.more_info": "**More information**: {contacts}",
    "intake.unlinked": "Hello! To help you I need to know which company you are with.\n"
    "Send your company's **access code** (8 letters and digits). If you have none, tap I have "
    "no code.",
    "intake.code_needed": "I did not find an access code in that message. Send your "
    "company's **access code** (8 letters and digits) or, if you have none, tap I have no code.",
    "intake.code_unknown": "I found no active company with the code {code}. Check the code "
    "and send it again or, if you have none, tap I have no code.",
    "intake.no_code": "I have no code",
    "intake.answered": "✔️ You chose: {choice}",
    "intake.link.ask_company": "No problem. What is your company's **name or CNPJ**? A "
    "secretary will confirm the link and I will let you know here.",
    "intake.code_not_recognised": "I did not recognise the code {code}. This chat stays with "
    "{company}.",
    "intake.already_linked": "This chat is already with {company}.",
    "intake.switch.question": "The code you sent belongs to {target}. This chat is with "
    "{current}. Do you want to switch to {target}?",
    "intake.switch.confirm": "Switch to {company}",
    "intake.switch.keep": "Stay with {company}",
    "intake.switch.kept": "All right: this chat stays with {company}.",
    "intake.switch.busy": "You cannot switch company while being attended or with a request in "
    "the queue. Finish or cancel first and send the code again.",
    "intake.switch.expired": "The question about switching company has expired. Send the code "
    "again if you still want to switch.",
    "intake.switch.unavailable": "The company of that code is no longer active. This chat "
    "stays with the current company.",
    "intake.linked": "Done! You are linked to {company}.",
    "intake.link.waiting": 'Thank you! I asked a secretary to confirm your link to "{hint}". '
    "I will let you know here once it is confirmed.",
    "intake.link.still_waiting": 'Your request to be linked to "{hint}" still waits for a '
    "secretary's confirmation. If you have the company's access code, send it here.",
    "intake.link.card_title": "Link request",
    "intake.link.card_text": '{name} asks to be linked to the company "{hint}".',
    "intake.link.field_contact": "Contact",
    "intake.link.field_hint": "Company given",
    "intake.link.field_candidates": "Companies found",
    "intake.link.no_candidates": "none",
    "intake.link.approve": "Approve",
    "intake.link.approve_company": "Approve: {company}",
    "intake.link.refuse": "Refuse",
    "intake.link.approved_card": "Link approved by <@{by}>: {name} → {company}.",
    "intake.link.refused_card": 'Link refused by <@{by}>: {name} ("{hint}").',
    "intake.link.refused_client": 'We could not confirm your link to "{hint}". If your '
    "company has an access code, send it here; or ask the person in charge of the system "
    "at your company.",
    "intake.link.forbidden": "Only secretaries may approve or refuse links.",
    "intake.link.outcome.approved": "approved",
    "intake.link.outcome.refused": "refused",
    "intake.link.already_decided": "This link request was already {outcome} by <@{by}> on {when}.",
    "intake.link.not_found": "Link request {id} not found.",
    "intake.link.choose_company": 'Choose the company to link: "{hint}" matches {count} '
    "registered companies ({candidates}).",
    "intake.link.unknown_company": "Company {id} not found or inactive.",
    "intake.company_inactive": "The service for {company} is not active at the moment. "
    "Please ask the person in charge of the system at your company.",
    "intake.unserved": "We are sorry: Online Consulting is not available yet for the "
    "{product_line} product line. Nothing was recorded or billed. Free technical support "
    "remains at your disposal.",
    "intake.waiting_message_kept": "Got it! Your message stays with request {id}: the "
    "consultant will read it when they take it. You are still in the queue.",
    "intake.already_waiting": "You are already in the queue with request {id}. Please wait: "
    "I will tell you here when a consultant takes it.",
    "intake.already_in_session": "You are already being attended. Write here to talk to the "
    "person attending you.",
    "intake.in_support": "You are in a technical support conversation. If you like, it can "
    "go on as Online Consulting (paid): tap I want Online Consulting.",
    "intake.area.question": "Which area is your question about?",
    "intake.area.unknown": "I don't know",
    "intake.describe.question": "Area: {area}.\nIn one sentence, what do you want to learn?",
    "intake.area.none": "to be defined",
    "intake.describe.empty": "Write in one sentence what you want to learn.",
    "intake.describe.too_long": "The description has {length} characters; the limit is "
    "{limit}. Please sum it up in one sentence.",
    "intake.terms.accept": "I accept",
    "intake.terms.refuse": "I do not accept",
    "intake.terms.unavailable": "The Online Consulting terms are not available right now. "
    "Please try again in a moment.",
    "intake.terms.answered_yes": "✅ Accepted on {when}.",
    "intake.terms.answered_no": "❌ Not accepted on {when}.",
    "intake.terms.pending": "To go on, answer the terms above: I accept or I do not accept. "
    "To give up, send /cancelar.",
    "intake.expired": "This option has expired. Send /start to see the menu.",
    "intake.expired.web": "This option has expired. Tap Menu to see the options.",
    "intake.accepted": "Acceptance recorded on {when}. Thank you!",
    "intake.refused": "All right: we recorded that you did not accept the terms, and nothing "
    "will be billed. Free technical support remains at your disposal.",
    "intake.cancelled": "Request cancelled. Nothing was billed.",
    "intake.nothing_to_cancel": "You have no request in progress.",
    "intake.cancel_in_session": "You are being attended. To finish, use the End button or "
    "ask the person attending you.",
    "intake.not_linked": "First I need to know which company you are with. Send your "
    "company's access code or, if you have none, tap I have no code.",
    "intake.unknown_contact": "I could not find you. Send /start to begin.",
    "intake.unknown_contact.web": "I could not find you. Give your company's access code to begin.",
}
