# Copyright 2026 Professional Services Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Professional Services: Contracts and Collections",
    "summary": "Service contracts, payment milestones, invoice requests and "
    "collections confirmed by finance, contract to project",
    "version": "18.0.1.1.0",
    "category": "Services/Contracts",
    "website": "https://github.com/ps-suite/ps-suite",
    "author": "Professional Services Suite",
    "license": "LGPL-3",
    "application": True,
    "depends": ["ps_crm", "ps_project_wbs", "account", "base_tier_validation"],
    "data": [
        "security/ps_contract_groups.xml",
        "security/ir.model.access.csv",
        "security/ps_contract_security.xml",
        "data/tier_definition_data.xml",
        "data/ir_sequence_data.xml",
        "data/ir_cron_data.xml",
        "report/ps_contract_report.xml",
        "views/ps_contract_views.xml",
        "views/ps_invoice_request_views.xml",
        "views/ps_contract_collection_views.xml",
        "views/ps_contract_amendment_views.xml",
        "views/ps_contract_receivable_views.xml",
        "views/inherited_views.xml",
        "views/ps_contract_menus.xml",
    ],
    "demo": ["demo/ps_contract_demo.xml"],
    "assets": {
        "web.assets_tests": ["ps_contract/static/tests/tours/*.js"],
    },
}
