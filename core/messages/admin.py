"""Texts of administration: companies, consultants, staff roles and terms (services and CLI)."""

PT_BR = {
    "admin.yes": "sim",
    "admin.no": "não",
    "admin.too_long": "Texto longo demais: '{value}…'. O limite é de {limit} caracteres.",
    "admin.nothing_to_change": "Nada para alterar: informe ao menos uma opção (veja --help).",
    "admin.invalid_slack_user": "Usuário do Slack inválido: '{value}'. Use o ID do usuário, "
    "que começa com U ou W seguido de letras e números, por exemplo U012AB3CD.",
    "admin.company.invalid_cnpj": "CNPJ inválido: '{value}'. Confira os dígitos; "
    "use 00.000.000/0000-00 ou só os 14 caracteres.",
    "admin.company.cnpj_taken": "O CNPJ {cnpj} já pertence à empresa {id}.",
    "admin.company.name_required": "Informe o nome da empresa.",
    "admin.company.product_line_required": "Informe a linha de produto da empresa.",
    "admin.company.product_line_unknown": "Linha de produto desconhecida: '{value}'. Use uma das "
    "configuradas: {known} (CONSULTORIA_PRODUCT_LINES e CONSULTORIA_UNSERVED_PRODUCT_LINES).",
    "admin.company.not_found": "Empresa {id} não encontrada. Veja as empresas com "
    "'consultoria company list'.",
    "admin.company.added": "Empresa {id} cadastrada: {name}.\nCódigo de acesso: {code}\n{links}",
    "admin.company.updated": "Empresa {id} alterada: {name}.",
    "admin.company.code": "Novo código de acesso da empresa {id}: {code}\n{links}\n"
    "O código anterior deixou de valer.",
    "admin.company.link.web": "Chat na web: {url}",
    "admin.company.link.telegram": "Telegram: {url}",
    "admin.company.link.whatsapp": "WhatsApp: {url}",
    "admin.company.link.whatsapp_howto": "WhatsApp: envie CODIGO {code} ao número do WhatsApp "
    "(defina CONSULTORIA_WHATSAPP_NUMBER para um link wa.me)",
    "admin.company.link.telegram_howto": "Telegram: https://t.me/<usuário do bot>?start={code} "
    "(troque <usuário do bot> pelo nome de usuário do bot no Telegram, sem o @)",
    "admin.company.link.none": "Nenhum canal de clientes ligado: configure o Telegram ou "
    "o chat na web (CONSULTORIA_WEB_ENABLED) para os clientes usarem o código.",
    "admin.company.none": "Nenhuma empresa cadastrada.",
    "admin.company.headers": "ID|Nome|CNPJ|Linha de produto|Valor da hora|Ativa|Código",
    "admin.consultant.unknown_area": "Área desconhecida: '{area}'. Áreas válidas: {valid}.",
    "admin.consultant.no_area": "Informe ao menos uma área. Áreas válidas: {valid}.",
    "admin.consultant.name_required": "Informe o nome do consultor.",
    "admin.consultant.invalid_max_sessions": "Número de atendimentos simultâneos inválido: "
    "{value}. Use de 1 a {limit}.",
    "admin.consultant.duplicate": "Já existe um consultor com o usuário do Slack {slack_user}.",
    "admin.consultant.not_found": "Consultor {id} não encontrado. Veja os consultores com "
    "'consultoria consultant list'.",
    "admin.consultant.added": "Consultor {id} cadastrado: {name} ({slack_user}), áreas: {areas}.",
    "admin.consultant.updated": "Consultor {id} alterado: {name}, áreas: {areas}.",
    "admin.consultant.none": "Nenhum consultor cadastrado.",
    "admin.consultant.headers": "ID|Nome|Usuário Slack|Áreas|Atend. simultâneos|Situação|Ativo",
    "admin.consultant.status.disponivel": "disponível",
    "admin.consultant.status.ocupado": "ocupado",
    "admin.consultant.status.ausente": "ausente",
    "admin.staff.unknown_role": "Papel desconhecido: '{value}'. Papéis válidos: {valid}.",
    "admin.staff.granted": "{slack_user} agora tem o papel {role}.",
    "admin.staff.revoked": "{slack_user} não tem mais o papel {role}.",
    "admin.staff.not_held": "{slack_user} não tem o papel {role}; nada foi alterado.",
    "admin.staff.none": "Nenhum papel atribuído.",
    "admin.staff.headers": "Usuário Slack|Papel|Nome",
    "admin.terms.unknown_language": "Idioma desconhecido: '{value}'. Use um destes: {valid}.",
    "admin.terms.empty": "O arquivo dos termos está vazio.",
    "terms.no_show.nothing": "nada é cobrado",
    "terms.no_show.minimum": "é cobrado o mínimo de {minutes} minutos ({amount})",
    "admin.terms.unknown_placeholders": "Campos desconhecidos nos termos: {names}. "
    "Campos válidos: {valid}. Para chaves literais, use {{{{ e }}}}.",
    "admin.terms.missing_required": "Os termos precisam mostrar o valor da hora, o período de "
    "cobrança e o mínimo cobrado: inclua {names}.",
    "admin.terms.not_found": "Os termos em {terms_language} não têm a versão {version}.",
    "admin.terms.file_missing": "Arquivo não encontrado: {path}",
    "admin.terms.file_unreadable": "Não foi possível ler {path}: {detail}. "
    "Salve o arquivo como texto UTF-8.",
    "admin.terms.published": "Termos em {terms_language} publicados: versão {version}.",
    "admin.terms.none": "Nenhuma versão dos termos publicada; os textos padrão são publicados "
    "quando o bot inicia.",
    "admin.terms.headers": "Idioma|Versão|Publicada em|SHA-256|Atual",
    "admin.terms.shipped_note": "Nenhuma versão publicada em {terms_language}; "
    "este é o texto padrão, publicado como versão 1 quando o bot iniciar.",
    "admin.terms.example_note": "(exemplo com valor da hora de {rate})",
    "admin.company.bad_language": "Idioma desconhecido: “{value}”. Use pt-BR ou en.",
}

EN = {
    "admin.yes": "yes",
    "admin.no": "no",
    "admin.too_long": "Text too long: '{value}…'. The limit is {limit} characters.",
    "admin.nothing_to_change": "Nothing to change: give at least one option (see --help).",
    "admin.invalid_slack_user": "Invalid Slack user: '{value}'. Use the user ID, which starts "
    "with U or W followed by letters and digits, for example U012AB3CD.",
    "admin.company.invalid_cnpj": "Invalid CNPJ: '{value}'. Check the digits; "
    "use 00.000.000/0000-00 or just the 14 characters.",
    "admin.company.cnpj_taken": "CNPJ {cnpj} already belongs to company {id}.",
    "admin.company.name_required": "Give the company's name.",
    "admin.company.product_line_required": "Give the company's product line.",
    "admin.company.product_line_unknown": "Unknown product line: '{value}'. Use one of those "
    "configured: {known} (CONSULTORIA_PRODUCT_LINES and CONSULTORIA_UNSERVED_PRODUCT_LINES).",
    "admin.company.not_found": "Company {id} not found. See the companies with "
    "'consultoria company list'.",
    "admin.company.added": "Company {id} added: {name}.\nAccess code: {code}\n{links}",
    "admin.company.updated": "Company {id} changed: {name}.",
    "admin.company.code": "New access code of company {id}: {code}\n{links}\n"
    "The previous code no longer works.",
    "admin.company.link.web": "Web chat: {url}",
    "admin.company.link.telegram": "Telegram: {url}",
    "admin.company.link.whatsapp": "WhatsApp: {url}",
    "admin.company.link.whatsapp_howto": "WhatsApp: send CODIGO {code} to the WhatsApp number "
    "(set CONSULTORIA_WHATSAPP_NUMBER for a wa.me link)",
    "admin.company.link.telegram_howto": "Telegram: https://t.me/<bot username>?start={code} "
    "(replace <bot username> with the bot's Telegram username, without the @)",
    "admin.company.link.none": "No client channel is on: configure Telegram or the web "
    "chat (CONSULTORIA_WEB_ENABLED) for clients to use the code.",
    "admin.company.none": "No companies yet.",
    "admin.company.headers": "ID|Name|CNPJ|Product line|Hourly rate|Active|Code",
    "admin.consultant.unknown_area": "Unknown area: '{area}'. Valid areas: {valid}.",
    "admin.consultant.no_area": "Give at least one area. Valid areas: {valid}.",
    "admin.consultant.name_required": "Give the consultant's name.",
    "admin.consultant.invalid_max_sessions": "Invalid number of simultaneous sessions: "
    "{value}. Use 1 to {limit}.",
    "admin.consultant.duplicate": "A consultant with Slack user {slack_user} already exists.",
    "admin.consultant.not_found": "Consultant {id} not found. See the consultants with "
    "'consultoria consultant list'.",
    "admin.consultant.added": "Consultant {id} added: {name} ({slack_user}), areas: {areas}.",
    "admin.consultant.updated": "Consultant {id} changed: {name}, areas: {areas}.",
    "admin.consultant.none": "No consultants yet.",
    "admin.consultant.headers": "ID|Name|Slack user|Areas|Max sessions|Status|Active",
    "admin.consultant.status.disponivel": "available",
    "admin.consultant.status.ocupado": "busy",
    "admin.consultant.status.ausente": "away",
    "admin.staff.unknown_role": "Unknown role: '{value}'. Valid roles: {valid}.",
    "admin.staff.granted": "{slack_user} now has the role {role}.",
    "admin.staff.revoked": "{slack_user} no longer has the role {role}.",
    "admin.staff.not_held": "{slack_user} does not have the role {role}; nothing changed.",
    "admin.staff.none": "No roles granted yet.",
    "admin.staff.headers": "Slack user|Role|Name",
    "admin.terms.unknown_language": "Unknown language: '{value}'. Use one of: {valid}.",
    "admin.terms.empty": "The terms file is empty.",
    "terms.no_show.nothing": "nothing is charged",
    "terms.no_show.minimum": "the minimum of {minutes} minutes ({amount}) is charged",
    "admin.terms.unknown_placeholders": "Unknown fields in the terms: {names}. "
    "Valid fields: {valid}. For literal braces, write {{{{ and }}}}.",
    "admin.terms.missing_required": "The terms must show the hourly rate, the billing period "
    "and the minimum billed: include {names}.",
    "admin.terms.not_found": "The terms in {terms_language} have no version {version}.",
    "admin.terms.file_missing": "File not found: {path}",
    "admin.terms.file_unreadable": "Could not read {path}: {detail}. Save the file as UTF-8 text.",
    "admin.terms.published": "Terms in {terms_language} published: version {version}.",
    "admin.terms.none": "No version of the terms published yet; the shipped texts are published "
    "when the bot starts.",
    "admin.terms.headers": "Language|Version|Published at|SHA-256|Current",
    "admin.terms.shipped_note": "No version published in {terms_language}; "
    "this is the shipped text, published as version 1 when the bot starts.",
    "admin.terms.example_note": "(example with an hourly rate of {rate})",
    "admin.company.bad_language": "Unknown language: “{value}”. Use pt-BR or en.",
}
