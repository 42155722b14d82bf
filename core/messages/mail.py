"""Texts of e-mail: invalid addresses, the footer of every e-mail, the test message."""

PT_BR = {
    "mail.invalid": "“{value}” não é um endereço de e-mail válido. Exemplo: nome@empresa.com.br.",
    "mail.footer": "Esta mensagem foi enviada pela {service}. Para responder, fale conosco "
    "pelo chat.",
    "mail.test.subject": "Teste de e-mail da {service}",
    "mail.test.text": "Se você recebeu esta mensagem, o envio de e-mails da {service} está "
    "funcionando.",
    "mail.test.sent": "E-mail de teste enviado para {to} pelo servidor {host}:{port}.",
    "mail.test.failed": "O e-mail de teste não foi enviado: {reason}",
    "mail.off": "O envio de e-mails está desligado: defina {setting} (veja o .env.example).",
    "mail.contact.set": "E-mail do contato {id}: {email}.",
    "mail.contact.cleared": "O contato {id} não tem mais e-mail cadastrado.",
    "mail.company.set": "E-mail de cobrança da empresa {name}: {email}.",
    "mail.company.cleared": "A empresa {name} não tem mais e-mail de cobrança.",
}

EN = {
    "mail.invalid": "“{value}” is not a valid e-mail address. Example: name@company.com.",
    "mail.footer": "This message was sent by {service}. To answer, talk to us in the chat.",
    "mail.test.subject": "{service} e-mail test",
    "mail.test.text": "If you received this message, {service} can send e-mail.",
    "mail.test.sent": "Test e-mail sent to {to} through {host}:{port}.",
    "mail.test.failed": "The test e-mail was not sent: {reason}",
    "mail.off": "E-mail is off: set {setting} (see .env.example).",
    "mail.contact.set": "Contact {id}'s e-mail: {email}.",
    "mail.contact.cleared": "Contact {id} has no e-mail address any more.",
    "mail.company.set": "{name}'s billing e-mail: {email}.",
    "mail.company.cleared": "{name} has no billing e-mail any more.",
}
