"""The secretaries' ``/agendar`` in Slack: text parsing, the modal and their answers.

``parse`` turns the typed text into a command, ``resolve`` finds the company and consultant it
names, ``run`` calls the core for each command and writes the answer, ``modal`` builds the booking
modal and reads its submission. Every booking rule stays in ``core.booking``.
"""
