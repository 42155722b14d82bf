"""Texts about unknown people."""

PT_BR = {
    "people.unknown_contact": "Contato {contact_id} não encontrado.",
    "people.unknown_consultant": "Consultor {consultant_id} não encontrado.",
    "people.unknown_company": "Empresa {company_id} não encontrada.",
}

EN = {
    "people.unknown_contact": "Contact {contact_id} not found.",
    "people.unknown_consultant": "Consultant {consultant_id} not found.",
    "people.unknown_company": "Company {company_id} not found.",
}
