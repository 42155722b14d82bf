"""Texts of the secretaries' ``/agendar`` command and modal in Slack."""

_FORM_PT = "/agendar <empresa> <dd/mm> <hh:mm> [duração] [meio] [@consultor]"
_FORM_EN = "/agendar <company> <dd/mm> <hh:mm> [duration] [medium] [@consultant]"

PT_BR = {
    # help
    "agendar.help": "*Como usar /agendar*\n"
    "• `/agendar` — abre o formulário de agendamento\n"
    f"• `{_FORM_PT}` — agenda direto, por exemplo "
    "`/agendar Metalúrgica 24/11 14:00 1h telefone @Bruno`\n"
    "   empresa: número, CNPJ ou nome (nomes com espaços entre aspas: "
    '`"Metalúrgica X"`); duração: 30, 60, 1h, 1h30, 90min; meio: {media}, seguido do telefone, '
    "do ID do TeamViewer ou do servidor (`telefone (11) 98765-4321`, `tv 123456789`, "
    "`ts ts.empresa.com.br`; nunca senhas); acrescente `alternativo` para um horário alternativo acordado fora do expediente\n"
    "• `/agendar lista [hoje|amanhã|dd/mm]` — agendamentos do dia\n"
    "• `/agendar cancelar <nº> [motivo]` — cancela um agendamento\n"
    "• `/agendar remarcar <nº> <dd/mm> <hh:mm> [alternativo]` — muda o horário\n"
    "• `/agendar ajuda` — esta ajuda",
    # parse errors
    "agendar.unclosed_quote": "Há aspas sem fechar em “{value}”. Escreva nomes com espaços entre "
    'aspas, por exemplo `/agendar "Metalúrgica X" 24/11 14:00`.',
    "agendar.missing_date": "Falta a data depois da empresa “{company}”. Use: `" + _FORM_PT + "`, "
    "por exemplo `/agendar Metalúrgica 24/11 14:00`.",
    "agendar.missing_time": "Falta o horário depois da data {date}. Use hh:mm, por exemplo "
    "`/agendar Metalúrgica 24/11 14:00`.",
    "agendar.bad_date": "Data inválida: “{value}”. Use dd/mm (ou dd/mm/aaaa), “hoje” ou "
    "“amanhã”, por exemplo 24/11.",
    "agendar.bad_time": "Horário inválido: “{value}”. Use hh:mm em 24 horas, por exemplo 14:00 "
    "ou 14h30.",
    "agendar.bad_duration": "Duração inválida: “{value}”. Use minutos ou horas, por exemplo 30, "
    "60, 1h, 1h30 ou 90min.",
    "agendar.unknown_medium": "Meio desconhecido: “{value}”. Use um destes: {valid}.",
    "agendar.extra_word": "Não entendi “{value}”: sobra no comando. Depois de data e hora "
    "vêm só a duração, o meio ({media}), a área, o @consultor e “alternativo”. Use: `"
    + _FORM_PT
    + "`.",
    "agendar.twice": "Informado duas vezes: “{first}” e “{second}”. Informe só uma duração, "
    "um meio, uma área e um consultor.",
    "agendar.missing_id": "Falta o número do agendamento. Use `/agendar {verb} <nº>`, por "
    "exemplo `/agendar {verb} 12` (veja os números em `/agendar lista`).",
    "agendar.bad_id": "Número de agendamento inválido: “{value}”. Use só algarismos, por "
    "exemplo `/agendar {verb} 12` (veja os números em `/agendar lista`).",
    "agendar.move_missing_date": "Falta a nova data. Use `/agendar remarcar <nº> <dd/mm> "
    "<hh:mm>`, por exemplo `/agendar remarcar 12 25/11 15:00`.",
    "agendar.move_missing_time": "Falta o novo horário. Use `/agendar remarcar <nº> <dd/mm> "
    "<hh:mm>`, por exemplo `/agendar remarcar 12 25/11 15:00`.",
    "agendar.list_extra": "Não entendi “{value}”. Use `/agendar lista [hoje|amanhã|dd/mm]`.",
    "agendar.help_extra": "`/agendar ajuda` não leva complemento (sobrou “{value}”). Envie só "
    "`/agendar ajuda` para ver as formas do comando.",
    "agendar.not_medium_nor_area": "“{value}” não é um meio nem uma área. Meios: {media}. "
    "Áreas: {areas}.",
    "agendar.not_an_area": "“{value}” não é uma área (e o meio já foi informado). Áreas: {areas}.",
    "agendar.move_extra": "Não entendi “{value}”. Ao remarcar, depois da data e do horário só "
    "cabe “alternativo”: `/agendar remarcar {id} <dd/mm> <hh:mm> [alternativo]`.",
    "agendar.move_consultant": "Remarcar muda só a data e o horário; o consultor continua o "
    "mesmo (“{value}” não é aceito aqui). Para outro consultor, cancele o nº {id} "
    "(`/agendar cancelar {id}`) e agende de novo com o consultor desejado.",
    "agendar.bad_list_day": "Dia inválido: “{value}”. Use `/agendar lista hoje`, "
    "`/agendar lista amanhã` ou `/agendar lista dd/mm`, por exemplo 24/11.",
    # company and consultant
    "agendar.unknown_company": "Empresa não encontrada: “{value}”. Informe o número, o CNPJ ou "
    'parte do nome (com aspas se tiver espaços: `"Metalúrgica X"`).',
    "agendar.ambiguous_company": "“{value}” corresponde a {count} empresas: {candidates}. "
    "Informe o número (#) ou o nome completo entre aspas.",
    "agendar.unknown_consultant": "Consultor não encontrado: {value}. Mencione um consultor "
    "cadastrado com @, por exemplo @Bruno.",
    "agendar.ambiguous_consultant": "“{value}” corresponde a {count} consultores: {candidates}. "
    "Mencione o consultor com @ pelo Slack.",
    # answers
    "agendar.booked": "Agendado: {line}. O cliente e o consultor foram avisados.",
    "agendar.booked_no_contact": "Agendado: {line}. A empresa não tem um único contato "
    "cadastrado, então só o consultor foi avisado.",
    "agendar.cancelled_no_contact": "Agendamento nº {id} cancelado. A empresa não tem contato "
    "no bot, então só o consultor foi avisado: avise o cliente pelo meio combinado.",
    "agendar.moved_no_contact": "Agendamento nº {id} remarcado: {line}. A empresa não tem "
    "contato no bot, então só o consultor foi avisado: avise o cliente pelo meio combinado.",
    "agendar.alternative_ignored": "“alternativo” não foi usado: {when} fica dentro do horário "
    "de atendimento, então não é um horário alternativo.",
    "agendar.repeated": "Este pedido já foi recebido.",
    "agendar.cancelled": "Agendamento nº {id} cancelado. O cliente e o consultor foram avisados.",
    "agendar.moved": "Agendamento nº {id} remarcado: {line}. O cliente e o consultor foram "
    "avisados.",
    "agendar.list_title": "*Agendamentos de {date} ({weekday})*",
    # modal
    "agendar.modal.title": "Agendar sessão",
    "agendar.modal.submit": "Agendar",
    "agendar.modal.close": "Cancelar",
    "agendar.modal.company": "Empresa",
    "agendar.modal.company_hint": "Digite parte do nome, o CNPJ ou o número",
    "agendar.modal.contact": "Contato",
    "agendar.modal.contact_hint": "Escolha a empresa primeiro",
    "agendar.modal.area": "Área",
    "agendar.modal.date": "Data",
    "agendar.modal.time": "Horário",
    "agendar.modal.duration": "Duração",
    "agendar.modal.medium": "Meio",
    "agendar.modal.consultant": "Consultor",
    "agendar.modal.consultant_hint": "Qualquer consultor livre",
    "agendar.modal.notes": "Observações",
    "agendar.modal.alternative": "Horário alternativo acordado",
    "agendar.modal.alternative_hint": "Fora do expediente, combinado com o cliente",
    "agendar.modal.no_contacts": "Nenhum contato cadastrado",
    "agendar.modal.required": "Preencha este campo.",
    "agendar.modal.bad_date": "Escolha a data no calendário.",
    "agendar.modal.bad_time": "Escolha o horário na lista.",
    # link requests
    "agendar.link.modal_title": "Aprovar vínculo",
    "agendar.link.modal_submit": "Aprovar",
    "agendar.link.modal_text": 'Escolha a empresa deste vínculo (a pessoa informou "{hint}").',
    "agendar.link.choose_below": "Abri uma janela para escolher a empresa.",
}

EN = {
    "agendar.help": "*How to use /agendar*\n"
    "• `/agendar` — opens the booking form\n"
    f"• `{_FORM_EN}` — books at once, for example "
    "`/agendar Metalúrgica 24/11 14:00 1h phone @Bruno`\n"
    "   company: number, CNPJ or name (names with spaces in quotes: "
    '`"Metalúrgica X"`); duration: 30, 60, 1h, 1h30, 90min; medium: {media}, followed by the '
    "phone, TeamViewer ID or server (`telefone (11) 98765-4321`, `tv 123456789`, "
    "`ts ts.company.com`; never passwords); add `alternativo` for agreed alternative hours outside opening hours\n"
    "• `/agendar lista [hoje|amanhã|dd/mm]` — the day's bookings\n"
    "• `/agendar cancelar <no.> [reason]` — cancels a booking\n"
    "• `/agendar remarcar <no.> <dd/mm> <hh:mm> [alternativo]` — moves a booking\n"
    "• `/agendar ajuda` — this help",
    "agendar.unclosed_quote": "There is an unclosed quote in “{value}”. Write names with spaces "
    'in quotes, for example `/agendar "Metalúrgica X" 24/11 14:00`.',
    "agendar.missing_date": "The date is missing after the company “{company}”. Use: `"
    + _FORM_EN
    + "`, for example `/agendar Metalúrgica 24/11 14:00`.",
    "agendar.missing_time": "The time is missing after the date {date}. Use hh:mm, for example "
    "`/agendar Metalúrgica 24/11 14:00`.",
    "agendar.bad_date": "Invalid date: “{value}”. Use dd/mm (or dd/mm/yyyy), “hoje” or "
    "“amanhã”, for example 24/11.",
    "agendar.bad_time": "Invalid time: “{value}”. Use 24-hour hh:mm, for example 14:00 or 14h30.",
    "agendar.bad_duration": "Invalid duration: “{value}”. Use minutes or hours, for example 30, "
    "60, 1h, 1h30 or 90min.",
    "agendar.unknown_medium": "Unknown medium: “{value}”. Use one of: {valid}.",
    "agendar.extra_word": "I did not understand “{value}”: it is left over. After the date and "
    "time only the duration, the medium ({media}), the area, the @consultant and “alternativo” "
    "may follow. Use: `" + _FORM_EN + "`.",
    "agendar.twice": "Given twice: “{first}” and “{second}”. Give only one duration, one "
    "medium, one area and one consultant.",
    "agendar.missing_id": "The booking number is missing. Use `/agendar {verb} <no.>`, for "
    "example `/agendar {verb} 12` (see the numbers in `/agendar lista`).",
    "agendar.bad_id": "Invalid booking number: “{value}”. Use digits only, for example "
    "`/agendar {verb} 12` (see the numbers in `/agendar lista`).",
    "agendar.move_missing_date": "The new date is missing. Use `/agendar remarcar <no.> <dd/mm> "
    "<hh:mm>`, for example `/agendar remarcar 12 25/11 15:00`.",
    "agendar.move_missing_time": "The new time is missing. Use `/agendar remarcar <no.> <dd/mm> "
    "<hh:mm>`, for example `/agendar remarcar 12 25/11 15:00`.",
    "agendar.list_extra": "I did not understand “{value}”. Use `/agendar lista "
    "[hoje|amanhã|dd/mm]`.",
    "agendar.help_extra": "`/agendar ajuda` takes nothing more (“{value}” was left over). Send "
    "just `/agendar ajuda` to see the command's forms.",
    "agendar.not_medium_nor_area": "“{value}” is neither a medium nor an area. Media: {media}. "
    "Areas: {areas}.",
    "agendar.not_an_area": "“{value}” is not an area (and the medium was given already). Areas: "
    "{areas}.",
    "agendar.move_extra": "I did not understand “{value}”. When moving, only “alternativo” may "
    "follow the date and time: `/agendar remarcar {id} <dd/mm> <hh:mm> [alternativo]`.",
    "agendar.move_consultant": "Moving changes only the date and time; the consultant stays the "
    "same (“{value}” is not taken here). For another consultant, cancel #{id} "
    "(`/agendar cancelar {id}`) and book again with that consultant.",
    "agendar.bad_list_day": "Invalid day: “{value}”. Use `/agendar lista hoje`, "
    "`/agendar lista amanhã` or `/agendar lista dd/mm`, for example 24/11.",
    "agendar.unknown_company": "Company not found: “{value}”. Give its number, its CNPJ or part "
    'of its name (in quotes when it has spaces: `"Metalúrgica X"`).',
    "agendar.ambiguous_company": "“{value}” matches {count} companies: {candidates}. Give the "
    "number (#) or the full name in quotes.",
    "agendar.unknown_consultant": "Consultant not found: {value}. Mention a registered "
    "consultant with @, for example @Bruno.",
    "agendar.ambiguous_consultant": "“{value}” matches {count} consultants: {candidates}. "
    "Mention the consultant with Slack's @.",
    "agendar.booked": "Booked: {line}. The client and the consultant were told.",
    "agendar.booked_no_contact": "Booked: {line}. The company has no single registered "
    "contact, so only the consultant was told.",
    "agendar.cancelled_no_contact": "Booking #{id} cancelled. The company has no contact in "
    "the bot, so only the consultant was told: tell the client by the agreed medium.",
    "agendar.moved_no_contact": "Booking #{id} moved: {line}. The company has no contact in the "
    "bot, so only the consultant was told: tell the client by the agreed medium.",
    "agendar.alternative_ignored": "“alternativo” was not used: {when} is within the opening "
    "hours, so it is not alternative hours.",
    "agendar.repeated": "This request was already received.",
    "agendar.cancelled": "Booking #{id} cancelled. The client and the consultant were told.",
    "agendar.moved": "Booking #{id} moved: {line}. The client and the consultant were told.",
    "agendar.list_title": "*Bookings of {date} ({weekday})*",
    "agendar.modal.title": "Book a session",
    "agendar.modal.submit": "Book",
    "agendar.modal.close": "Cancel",
    "agendar.modal.company": "Company",
    "agendar.modal.company_hint": "Type part of the name, the CNPJ or the number",
    "agendar.modal.contact": "Contact",
    "agendar.modal.contact_hint": "Choose the company first",
    "agendar.modal.area": "Area",
    "agendar.modal.date": "Date",
    "agendar.modal.time": "Time",
    "agendar.modal.duration": "Duration",
    "agendar.modal.medium": "Medium",
    "agendar.modal.consultant": "Consultant",
    "agendar.modal.consultant_hint": "Any free consultant",
    "agendar.modal.notes": "Notes",
    "agendar.modal.alternative": "Agreed alternative hours",
    "agendar.modal.alternative_hint": "Outside opening hours, agreed with the client",
    "agendar.modal.no_contacts": "No registered contact",
    "agendar.modal.required": "Fill in this field.",
    "agendar.modal.bad_date": "Choose the date in the calendar.",
    "agendar.modal.bad_time": "Choose the time in the list.",
    "agendar.link.modal_title": "Approve link",
    "agendar.link.modal_submit": "Approve",
    "agendar.link.modal_text": 'Choose the company of this link (the person said "{hint}").',
    "agendar.link.choose_below": "I opened a window to choose the company.",
}
