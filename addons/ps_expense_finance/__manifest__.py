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
    "depends": ["ps_contract", "hr_expense"],
    "data": [
        "security/ir.model.access.csv",
        "security/ps_expense_finance_security.xml",
        "views/ps_cost_category_views.xml",
        "views/ps_expense_finance_menus.xml",
    ],
    "demo": ["demo/ps_cost_category_demo.xml"],
    "assets": {
        "web.assets_tests": ["ps_expense_finance/static/tests/tours/*.js"],
    },
}
