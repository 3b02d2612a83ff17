# Copyright 2026 Professional Services Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Professional Services: Management Cockpit",
    "summary": "Executive cockpit, role dashboards with drill-down, approvals inbox, XLSX exports",
    "version": "18.0.1.1.0",
    "category": "Productivity/Dashboard",
    "website": "https://github.com/ps-suite/ps-suite",
    "author": "Professional Services Suite",
    "license": "LGPL-3",
    "application": True,
    "depends": ["ps_expense_finance", "ps_knowledge", "report_xlsx"],
    "post_init_hook": "post_init_hook",
    "data": [
        "security/ps_dashboard_groups.xml",
        "security/ir.model.access.csv",
        "security/ps_dashboard_security.xml",
        "data/tier_definition_data.xml",
        "report/ps_dashboard_reports.xml",
        "views/ps_portfolio_report_views.xml",
        "views/ps_approval_item_views.xml",
        "views/ps_dashboard_menus.xml",
        "views/ps_role_dashboard_views.xml",
    ],
    "demo": ["demo/res_users_demo.xml", "demo/ps_dashboard_demo.xml"],
    "assets": {
        "web.assets_backend": ["ps_dashboard/static/src/**/*"],
        "web.assets_tests": [
            "ps_dashboard/static/tests/tours/*.js",
            "ps_dashboard/static/tests/click_menus.js",
        ],
    },
}
