"""Texts of bookings: refusals, notices, reminders, the start, and the client's booking chat."""

PT_BR = {
    # refusals
    "booking.past": "Não é possível agendar no passado: {when} já passou (agora são {now}).",
    "booking.closed_day": "Não há atendimento em {date}: {reason}. Escolha outro dia ou, se o "
    "horário foi combinado com o cliente, marque “horário alternativo acordado”.",
    "booking.outside_hours": "{when} fica fora do horário de atendimento desse dia ({hours}). "
    "Escolha um horário dentro do expediente ou, se foi combinado com o cliente, marque "
    "“horário alternativo acordado”.",
    "booking.client_alternative_hours": "Somente consultores e secretárias podem agendar em "
    "horário alternativo acordado.",
    "booking.client_for_others": "Você só pode agendar, remarcar ou cancelar os seus próprios "
    "horários, para a sua empresa.",
    "booking.consultant_for_others": "Consultores só podem agendar sessões com eles mesmos. "
    "Para agendar com outro consultor, peça a uma secretária.",
    "booking.forbidden_staff": "Somente secretárias (ou consultores, para si mesmos) podem "
    "agendar para clientes.",
    "booking.forbidden_staff_list": "Somente secretárias e consultores podem ver os agendamentos.",
    "booking.forbidden_staff_cancel": "Somente secretárias (ou o consultor do agendamento) podem "
    "cancelar agendamentos.",
    "booking.forbidden_staff_move": "Somente secretárias (ou o consultor do agendamento) podem "
    "remarcar agendamentos.",
    "booking.not_yours": "O agendamento nº {id} é de outro consultor; somente uma secretária "
    "ou o próprio consultor pode alterá-lo.",
    "booking.conflict": "{consultant} já tem o agendamento nº {id} em {when}. Escolha outro "
    "horário ou outro consultor.",
    "booking.conflict_session": "{consultant} está em atendimento nesse horário. Escolha outro "
    "horário ou outro consultor.",
    "booking.no_consultant_free": "Nenhum consultor da área {area} está livre em {when}. "
    "Escolha outro horário.",
    "booking.no_consultant_free_any": "Nenhum consultor está livre em {when}. Escolha outro "
    "horário.",
    "booking.no_consultant_for_area": "Nenhum consultor atende a área {area}. Escolha outra "
    "área (ou nenhuma) ou cadastre um consultor dela.",
    "booking.no_consultants": "Não há consultores ativos cadastrados: cadastre um antes de "
    "agendar.",
    "booking.unknown_company": "Empresa {id} não encontrada.",
    "booking.inactive_company": "A empresa {company} não está ativa: não é possível agendar.",
    "booking.unserved_company": "A Consultoria Online ainda não está disponível para a linha de "
    "produto {product_line} (empresa {company}): nada foi agendado.",
    "booking.unknown_contact": "Contato {id} não encontrado.",
    "booking.unknown_client": "Não encontrei o seu cadastro. Envie /start para começar.",
    "booking.unknown_client.web": "Não encontrei o seu cadastro. Informe o código de acesso "
    "da sua empresa para começar.",
    "booking.contact_not_of_company": "O contato {contact} não é da empresa {company}.",
    "booking.unknown_consultant": "Consultor {id} não encontrado ou inativo.",
    "booking.consultant_not_in_area": "{consultant} não atende a área {area}.",
    "booking.unknown_area": "Área desconhecida: {area}. Áreas: {valid}.",
    "booking.unknown_request": "Pedido {id} não encontrado.",
    "booking.request_closed": "O pedido {id} já foi encerrado; faça um novo pedido.",
    "booking.request_already_booked": "Este pedido já tem o agendamento nº {id}. Remarque ou "
    "cancele esse agendamento.",
    "booking.bad_duration": "Duração inválida: {minutes} min. Use múltiplos de {period} minutos, "
    "até {maximum} minutos.",
    "booking.unknown_medium": "Meio desconhecido: {value}. Use um destes: {valid}.",
    "booking.unknown_booking": "Agendamento nº {id} não encontrado.",
    "booking.already_cancelled": "O agendamento nº {id} já foi cancelado e não pode ser alterado.",
    "booking.already_started": "O agendamento nº {id} já começou ou já passou e não pode ser "
    "alterado.",
    "booking.cutoff": "Não é mais possível cancelar ou remarcar o agendamento nº {id} ({when}) "
    "por aqui: faltam menos de {limit} para o início. Fale com a nossa equipe.",
    "booking.same_time": "O agendamento já está marcado para {when}.",
    "booking.flow_expired": "Esta opção expirou. Toque em Meus agendamentos no menu (/start) "
    "para agendar de novo.",
    "booking.flow_expired.web": "Esta opção expirou. Toque em Menu e em Meus agendamentos "
    "para agendar de novo.",
    "booking.flow.day_out_of_range": "Escolha um dia entre hoje e os próximos {days} dias.",
    # words
    "booking.any_area": "qualquer área",
    "booking.by_the_client": "pelo cliente",
    "booking.by_staff": "por <@{user}>",
    "booking.days.one": "{count} dia",
    "booking.days.other": "{count} dias",
    "booking.duration.minutes": "{minutes} min",
    "booking.duration.hours": "{hours} h",
    "booking.duration.hours_minutes": "{hours} h {minutes} min",
    "booking.medium.0": "Telefone",
    "booking.medium.1": "TeamViewer",
    "booking.medium.2": "Terminal Service com acesso remoto",
    "booking.medium.3": "Outro",
    "booking.status.scheduled": "agendado",
    "booking.status.started": "em andamento",
    "booking.status.cancelled": "cancelado",
    "booking.status.done": "realizado",
    "booking.reason": "Motivo: {reason}",
    "booking.menu_support": "Suporte técnico",
    # details
    "booking.detail.date": "Data: {date} ({weekday})",
    "booking.detail.time": "Horário: {start} às {end}",
    "booking.detail.duration": "Duração: {duration}",
    "booking.detail.medium": "Meio: {medium}",
    "booking.detail.consultant": "Consultor: {consultant}",
    "booking.detail.nobody": "a definir",
    "booking.detail.alternative_hours": "Horário alternativo acordado (fora do expediente)",
    "booking.detail.company": "Empresa: {company}",
    "booking.detail.contact": "Contato: {contact}",
    "booking.detail.area": "Área: {area}",
    "booking.detail.notes": "Observações: {notes}",
    "booking.detail.booked_by": "Agendado por: {by}",
    "booking.detail.by_client": "{name} (cliente)",
    # notices
    "booking.client.booked": "Agendamento confirmado! Consultoria Online nº {id}:",
    "booking.client.booked_for_you": "Agendamos uma Consultoria Online para você (nº {id}):",
    "booking.client.terms_needed": "Antes da sessão, leia e aceite os termos da Consultoria "
    "Online na próxima mensagem. Nada é cobrado sem o seu aceite.",
    "booking.client.cancelled": "O agendamento nº {id} foi cancelado:",
    "booking.client.moved": "O agendamento nº {id} foi remarcado (era {old}):",
    "booking.client.reminder": "Lembrete: a sua Consultoria Online nº {id} começa daqui a {left}.",
    "booking.client.start_delayed": "A sua Consultoria Online nº {id} vai começar em "
    "instantes: o consultor ainda está terminando outro atendimento.",
    "booking.client.terms_still_needed": "A sua Consultoria Online nº {id} começou. Para que "
    "ela possa ser cobrada e continuar, aceite os termos acima; nada é cobrado antes do aceite.",
    "booking.consultant.booked": "Novo agendamento nº {id} com você:",
    "booking.consultant.cancelled": "Agendamento nº {id} cancelado {by}:",
    "booking.consultant.moved": "Agendamento nº {id} remarcado {by} (era {old}):",
    "booking.consultant.reminder": "Lembrete: o agendamento nº {id} começa daqui a {left}.",
    "booking.consultant.started": "O agendamento nº {id} começou agora: a sessão com {contact} "
    "está no canal de pedidos — responda na conversa da sessão. A cobrança começa quando o "
    "cliente estiver presente (a primeira mensagem dele ou o botão Cliente presente).",
    "booking.consultant.no_consent": "Atenção: o cliente do agendamento nº {id} ainda não "
    "aceitou os termos — nada será cobrado até o aceite. A cobrança começa no momento do aceite.",
    "booking.consultant.no_contact": "Chegou a hora do agendamento nº {id} da empresa {company}, "
    "que não tem contato no bot: fale com o cliente pelo meio combinado.",
    "booking.consultant.missed": "O agendamento nº {id} não pôde ser iniciado a tempo e foi "
    "encerrado. Combine um novo horário com o cliente.",
    "booking.client.missed": "Não foi possível iniciar a sua Consultoria Online nº {id} no "
    "horário agendado; nada foi cobrado. Pedimos desculpas: a nossa equipe vai combinar um novo "
    "horário com você.",
    "booking.consultant_busy_now": "{consultant} ainda está em outro atendimento",
    "booking.client_busy_now": "o cliente está em outro atendimento",
    "booking.consultant.start_failed": "Não foi possível iniciar o agendamento nº {id}: "
    "{reason}. Nova tentativa às {retry}.",
    "booking.consultant.terms_accepted_now": "O cliente do agendamento nº {id} aceitou os "
    "termos em {when}: a cobrança começa agora.",
    "booking.consultant.terms_refused": "O cliente do agendamento nº {id} recusou os termos em "
    "{when}: o agendamento foi cancelado.",
    "booking.consultant.terms_refused_now": "O cliente do agendamento nº {id} recusou os termos "
    "em {when}: nada será cobrado. Encerre a sessão ou siga como suporte.",
    # terms of a booking
    "booking.terms.accept": "Aceito",
    "booking.terms.refuse": "Não aceito",
    "booking.terms.answered_yes": "Aceito em {when}.",
    "booking.terms.answered_no": "Não aceito em {when}.",
    "booking.terms.accepted": "Aceite registrado. A sua Consultoria Online nº {id} está "
    "confirmada para {when}.",
    "booking.terms.refused": "Recusa registrada: nada foi cobrado e o agendamento nº {id} foi "
    "cancelado. O suporte técnico gratuito continua à sua disposição.",
    "booking.terms.refused_in_session": "Recusa registrada: nada será cobrado. O suporte técnico "
    "gratuito continua à sua disposição.",
    "booking.terms.refused_reason": "o cliente não aceitou os termos",
    "booking.terms.expired": "Estes termos já foram respondidos ou o agendamento não existe mais.",
    # the client's chat
    "booking.flow.pick_day": "Escolha o dia da sua Consultoria Online:",
    "booking.flow.no_days": "Não há horários livres nos próximos {days} dias. Tente novamente "
    "mais tarde ou use o suporte técnico.",
    "booking.flow.pick_slot": "Horários livres em {day}:",
    "booking.flow.day_full": "Não há mais horários livres em {day}.",
    "booking.flow.slot_taken": "Esse horário não está mais livre.",
    "booking.flow.pick_duration": "Quanto tempo você quer reservar?",
    "booking.flow.pick_medium": "Como prefere o atendimento?",
    "booking.flow.summary": "Confira o agendamento:",
    "booking.flow.summary_move": "Remarcar para:",
    "booking.flow.dropped": "Tudo bem, nada foi agendado.",
    "booking.flow.move_dropped": "Tudo bem, o agendamento continua como estava.",
    "booking.flow.answered.confirmed": "✅ Confirmado",
    "booking.flow.answered.dropped": "✖️ Cancelado",
    "booking.flow.answered.refused": "⚠️ Não foi possível confirmar: o motivo está abaixo.",
    "booking.flow.answered.expired": "⌛ Esta opção expirou: o agendamento mudou.",
    "booking.button.confirm": "Confirmar",
    "booking.button.drop": "Cancelar",
    "booking.button.other_day": "Outro dia",
    "booking.button.move": "Remarcar",
    "booking.button.cancel": "Cancelar agendamento",
    "booking.button.move_n": "Remarcar nº {id}",
    "booking.button.cancel_n": "Cancelar nº {id}",
    "booking.button.cancel_yes": "Sim, cancelar",
    "booking.button.keep": "Não, manter",
    "booking.button.new": "Novo agendamento",
    "booking.mine.title": "Seus agendamentos:",
    "booking.mine.cutoff_note": "Cancelamentos e remarcações por aqui até {hours} antes do início.",
    "booking.mine.confirm_cancel": "Cancelar o agendamento nº {id} ({when})?",
    "booking.mine.kept": "Certo, o agendamento nº {id} está mantido.",
    "booking.list.number": "nº {id}",
    "booking.list.alternative": "horário alternativo",
    "booking.list.empty": "Nenhum agendamento.",
    "booking.list.no_contact": "contato a definir",
    "booking.list.no_consultant": "consultor a definir",
    "booking.detail.no_contact": "a definir (a empresa não tem contato no bot: avise o cliente "
    "pelo meio combinado)",
}

EN = {
    # refusals
    "booking.past": "Cannot book in the past: {when} has gone by (it is {now}).",
    "booking.closed_day": "There is no service on {date}: {reason}. Choose another day or, if "
    "the time was agreed with the client, mark “agreed alternative hours”.",
    "booking.outside_hours": "{when} is outside that day's opening hours ({hours}). Choose a "
    "time within the opening hours or, if it was agreed with the client, mark “agreed "
    "alternative hours”.",
    "booking.client_alternative_hours": "Only consultants and secretaries can book agreed "
    "alternative hours.",
    "booking.client_for_others": "You can only book, move or cancel your own sessions, for your "
    "own company.",
    "booking.consultant_for_others": "Consultants can only book sessions with themselves. To "
    "book another consultant, ask a secretary.",
    "booking.forbidden_staff": "Only secretaries (or consultants, for themselves) can book for "
    "clients.",
    "booking.forbidden_staff_list": "Only secretaries and consultants can see the bookings.",
    "booking.forbidden_staff_cancel": "Only secretaries (or the booking's consultant) can cancel "
    "bookings.",
    "booking.forbidden_staff_move": "Only secretaries (or the booking's consultant) can move "
    "bookings.",
    "booking.not_yours": "Booking #{id} belongs to another consultant; only a secretary or that "
    "consultant can change it.",
    "booking.conflict": "{consultant} already has booking #{id} at {when}. Choose another time "
    "or another consultant.",
    "booking.conflict_session": "{consultant} is in a session at that time. Choose another time "
    "or another consultant.",
    "booking.no_consultant_free": "No consultant of area {area} is free at {when}. Choose "
    "another time.",
    "booking.no_consultant_free_any": "No consultant is free at {when}. Choose another time.",
    "booking.no_consultant_for_area": "No consultant serves area {area}. Choose another area "
    "(or none) or register a consultant of it.",
    "booking.no_consultants": "There are no active consultants: register one before booking.",
    "booking.unknown_company": "Company {id} not found.",
    "booking.inactive_company": "Company {company} is not active: it cannot book.",
    "booking.unserved_company": "Consultoria Online is not available yet for the {product_line} "
    "product line (company {company}): nothing was booked.",
    "booking.unknown_contact": "Contact {id} not found.",
    "booking.unknown_client": "I could not find you. Send /start to begin.",
    "booking.unknown_client.web": "I could not find you. Give your company's access code to begin.",
    "booking.contact_not_of_company": "Contact {contact} is not of company {company}.",
    "booking.unknown_consultant": "Consultant {id} not found or inactive.",
    "booking.consultant_not_in_area": "{consultant} does not serve area {area}.",
    "booking.unknown_area": "Unknown area: {area}. Areas: {valid}.",
    "booking.unknown_request": "Request {id} not found.",
    "booking.request_closed": "Request {id} is closed; make a new request.",
    "booking.request_already_booked": "This request already has booking #{id}. Move or cancel "
    "that booking.",
    "booking.bad_duration": "Invalid duration: {minutes} min. Use multiples of {period} minutes, "
    "up to {maximum} minutes.",
    "booking.unknown_medium": "Unknown medium: {value}. Use one of: {valid}.",
    "booking.unknown_booking": "Booking #{id} not found.",
    "booking.already_cancelled": "Booking #{id} was cancelled and cannot be changed.",
    "booking.already_started": "Booking #{id} has started or is over and cannot be changed.",
    "booking.cutoff": "Booking #{id} ({when}) can no longer be cancelled or moved here: it "
    "starts in less than {limit}. Please talk to our team.",
    "booking.same_time": "The booking is already at {when}.",
    "booking.flow_expired": "This option has expired. Tap My bookings in the menu (/start) to "
    "book again.",
    "booking.flow_expired.web": "This option has expired. Tap Menu, then My bookings, to book "
    "again.",
    "booking.flow.day_out_of_range": "Choose a day between today and the next {days} days.",
    # words
    "booking.any_area": "any area",
    "booking.by_the_client": "by the client",
    "booking.by_staff": "by <@{user}>",
    "booking.days.one": "{count} day",
    "booking.days.other": "{count} days",
    "booking.duration.minutes": "{minutes} min",
    "booking.duration.hours": "{hours} h",
    "booking.duration.hours_minutes": "{hours} h {minutes} min",
    "booking.medium.0": "Phone",
    "booking.medium.1": "TeamViewer",
    "booking.medium.2": "Terminal Service with remote access",
    "booking.medium.3": "Other",
    "booking.status.scheduled": "scheduled",
    "booking.status.started": "in progress",
    "booking.status.cancelled": "cancelled",
    "booking.status.done": "done",
    "booking.reason": "Reason: {reason}",
    "booking.menu_support": "Technical support",
    # details
    "booking.detail.date": "Date: {date} ({weekday})",
    "booking.detail.time": "Time: {start} to {end}",
    "booking.detail.duration": "Duration: {duration}",
    "booking.detail.medium": "Medium: {medium}",
    "booking.detail.consultant": "Consultant: {consultant}",
    "booking.detail.nobody": "to be defined",
    "booking.detail.alternative_hours": "Agreed alternative hours (outside opening hours)",
    "booking.detail.company": "Company: {company}",
    "booking.detail.contact": "Contact: {contact}",
    "booking.detail.area": "Area: {area}",
    "booking.detail.notes": "Notes: {notes}",
    "booking.detail.booked_by": "Booked by: {by}",
    "booking.detail.by_client": "{name} (client)",
    # notices
    "booking.client.booked": "Booking confirmed! Consultoria Online #{id}:",
    "booking.client.booked_for_you": "We booked a Consultoria Online session for you (#{id}):",
    "booking.client.terms_needed": "Before the session, please read and accept the Consultoria "
    "Online terms in the next message. Nothing is charged without your acceptance.",
    "booking.client.cancelled": "Booking #{id} was cancelled:",
    "booking.client.moved": "Booking #{id} was moved (it was {old}):",
    "booking.client.reminder": "Reminder: your Consultoria Online #{id} starts in {left}.",
    "booking.client.start_delayed": "Your Consultoria Online #{id} will start shortly: the "
    "consultant is finishing another session.",
    "booking.client.terms_still_needed": "Your Consultoria Online #{id} has started. To be "
    "billed and go on, please accept the terms above; nothing is charged before you accept.",
    "booking.consultant.booked": "New booking #{id} with you:",
    "booking.consultant.cancelled": "Booking #{id} cancelled {by}:",
    "booking.consultant.moved": "Booking #{id} moved {by} (it was {old}):",
    "booking.consultant.reminder": "Reminder: booking #{id} starts in {left}.",
    "booking.consultant.started": "Booking #{id} has started: the session with {contact} is in "
    "the requests channel — reply in the session's thread. Billing starts when the client is "
    "present (their first message or the Client present button).",
    "booking.consultant.no_consent": "Note: the client of booking #{id} has not accepted the "
    "terms yet — nothing will be billed until they accept. Billing starts at the acceptance.",
    "booking.consultant.no_contact": "Booking #{id} of company {company} is due now; the company "
    "has no contact in the bot: reach the client by the agreed medium.",
    "booking.consultant.missed": "Booking #{id} could not be started in time and was closed. "
    "Agree a new time with the client.",
    "booking.client.missed": "Your Consultoria Online #{id} could not start at the booked time; "
    "nothing was charged. We apologise: our team will agree a new time with you.",
    "booking.consultant_busy_now": "{consultant} is still in another session",
    "booking.client_busy_now": "the client is in another session",
    "booking.consultant.start_failed": "Booking #{id} could not start: {reason}. Trying again at "
    "{retry}.",
    "booking.consultant.terms_accepted_now": "The client of booking #{id} accepted the terms at "
    "{when}: billing starts now.",
    "booking.consultant.terms_refused": "The client of booking #{id} refused the terms at "
    "{when}: the booking was cancelled.",
    "booking.consultant.terms_refused_now": "The client of booking #{id} refused the terms at "
    "{when}: nothing will be billed. End the session or go on as support.",
    # terms of a booking
    "booking.terms.accept": "I accept",
    "booking.terms.refuse": "I do not accept",
    "booking.terms.answered_yes": "Accepted at {when}.",
    "booking.terms.answered_no": "Declined at {when}.",
    "booking.terms.accepted": "Acceptance recorded. Your Consultoria Online #{id} is confirmed "
    "for {when}.",
    "booking.terms.refused": "Refusal recorded: nothing was charged and booking #{id} was "
    "cancelled. Free technical support is still at your service.",
    "booking.terms.refused_in_session": "Refusal recorded: nothing will be charged. Free "
    "technical support is still at your service.",
    "booking.terms.refused_reason": "the client did not accept the terms",
    "booking.terms.expired": "These terms were already answered, or the booking no longer exists.",
    # the client's chat
    "booking.flow.pick_day": "Choose the day of your Consultoria Online:",
    "booking.flow.no_days": "There are no free times in the next {days} days. Please try again "
    "later or use technical support.",
    "booking.flow.pick_slot": "Free times on {day}:",
    "booking.flow.day_full": "There are no free times left on {day}.",
    "booking.flow.slot_taken": "That time is no longer free.",
    "booking.flow.pick_duration": "How long would you like to book?",
    "booking.flow.pick_medium": "How would you like to be served?",
    "booking.flow.summary": "Please check the booking:",
    "booking.flow.summary_move": "Move to:",
    "booking.flow.dropped": "All right, nothing was booked.",
    "booking.flow.move_dropped": "All right, the booking stays as it was.",
    "booking.flow.answered.confirmed": "✅ Confirmed",
    "booking.flow.answered.dropped": "✖️ Cancelled",
    "booking.flow.answered.refused": "⚠️ Could not be confirmed: the reason is below.",
    "booking.flow.answered.expired": "⌛ This option has expired: the booking changed.",
    "booking.button.confirm": "Confirm",
    "booking.button.drop": "Cancel",
    "booking.button.other_day": "Another day",
    "booking.button.move": "Move",
    "booking.button.cancel": "Cancel booking",
    "booking.button.move_n": "Move #{id}",
    "booking.button.cancel_n": "Cancel #{id}",
    "booking.button.cancel_yes": "Yes, cancel",
    "booking.button.keep": "No, keep it",
    "booking.button.new": "New booking",
    "booking.mine.title": "Your bookings:",
    "booking.mine.cutoff_note": "Cancel or move here up to {hours} before the start.",
    "booking.mine.confirm_cancel": "Cancel booking #{id} ({when})?",
    "booking.mine.kept": "All right, booking #{id} stays.",
    "booking.list.number": "#{id}",
    "booking.list.alternative": "alternative hours",
    "booking.list.empty": "No bookings.",
    "booking.list.no_contact": "contact to be defined",
    "booking.list.no_consultant": "consultant to be defined",
    "booking.detail.no_contact": "to be defined (the company has no contact in the bot: tell "
    "the client by the agreed medium)",
}
