"""Texts of the data protection (LGPD) commands: contact export and erasure."""

PT_BR = {
    "lgpd.erase.active": (
        "O contato {contact_id} está na fila ou em uma sessão aberta: encerre-a antes de apagar "
        "os dados."
    ),
    "lgpd.erase.done": (
        "Dados pessoais do contato {contact_id} apagados em {when} "
        "(consentimentos e cobranças mantidos, agora anônimos)."
    ),
    "lgpd.erase.already": "O contato {contact_id} já foi apagado em {when}.",
    "lgpd.erase.confirm": (
        "Apagar os dados pessoais do contato {contact_id} ({name})? Isso não pode ser desfeito."
    ),
    "lgpd.erase.aborted": "Nada foi apagado.",
    "lgpd.export.written": "Dados do contato {contact_id} gravados em {path}.",
    "lgpd.export.unwritable": "Não foi possível gravar {path}: {detail}",
    "lgpd.invalid_id": "Id de contato inválido: {value} (use o número do contato).",
    "lgpd.erase.booking_reason": "dados pessoais do cliente apagados (LGPD)",
}

EN = {
    "lgpd.erase.active": (
        "Contact {contact_id} is queued or in an open session: end it before erasing their data."
    ),
    "lgpd.erase.done": (
        "Personal data of contact {contact_id} erased on {when} "
        "(consents and billing records kept, now anonymous)."
    ),
    "lgpd.erase.already": "Contact {contact_id} was already erased on {when}.",
    "lgpd.erase.confirm": (
        "Erase the personal data of contact {contact_id} ({name})? This cannot be undone."
    ),
    "lgpd.erase.aborted": "Nothing was erased.",
    "lgpd.export.written": "Data of contact {contact_id} written to {path}.",
    "lgpd.export.unwritable": "Could not write {path}: {detail}",
    "lgpd.invalid_id": "Invalid contact id: {value} (use the contact's number).",
    "lgpd.erase.booking_reason": "the client's personal data was erased (LGPD)",
}
