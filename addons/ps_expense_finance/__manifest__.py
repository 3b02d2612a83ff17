# Copyright 2026 Professional Services Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Professional Services: Project Costs and Finance",
    "summary": "Project budgets, expense claims and payment requests, the project "
    "cost ledger, P&L and overrun control",
    "version": "18.0.1.0.0",
    "category": "Accounting/Expenses",
    "website": "https://github.com/ps-suite/ps-suite",
    "author": "Professional Services Suite",
    "license": "LGPL-3",
    "application": True,
    "depends": ["ps_contract", "hr_expense", "project_account", "base_tier_validation"],
    "data": [
        "security/ir.model.access.csv",
        "security/ps_expense_finance_security.xml",
        "data/ps_cost_category_data.xml",
        "data/ps_expense_finance_data.xml",
        "data/tier_definition_data.xml",
        "data/project_update_data.xml",
        "views/ps_cost_category_views.xml",
        "views/hr_expense_views.xml",
        "views/ps_project_budget_views.xml",
        "views/ps_payment_request_views.xml",
        "views/ps_project_finance_report_views.xml",
        "views/project_update_views.xml",
        "views/ps_expense_finance_menus.xml",
        "wizards/ps_project_period_reopen_views.xml",
    ],
    "demo": ["demo/ps_expense_finance_demo.xml"],
    "assets": {
        "web.assets_tests": ["ps_expense_finance/static/tests/tours/*.js"],
    },
}
