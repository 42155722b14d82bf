"""The names of the default consulting areas (``CONSULTORIA_AREAS``) in each language.

An area is stored by its configured (Portuguese) name; a client reads it in their language:
``CONSULTORIA_AREA_NAMES_EN`` names it in English, else these defaults, else the name itself.
"""

from __future__ import annotations

PT_BR = {
    "area.Manufatura": "Manufatura",
    "area.Suprimentos": "Suprimentos",
    "area.Estoque": "Estoque",
    "area.Custos": "Custos",
    "area.Comercial": "Comercial",
    "area.Financeiro": "Financeiro",
    "area.Administrativo": "Administrativo",
}

EN = {
    "area.Manufatura": "Manufacturing",
    "area.Suprimentos": "Procurement",
    "area.Estoque": "Inventory",
    "area.Custos": "Costs",
    "area.Comercial": "Sales",
    "area.Financeiro": "Finance",
    "area.Administrativo": "Administration",
}
