"""The WhatsApp channel (Cloud API): webhook, inbound mapping, sender and media through Graph."""
