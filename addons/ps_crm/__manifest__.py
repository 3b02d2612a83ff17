# Copyright 2026 Professional Services Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Professional Services: Customers and Sales",
    "summary": "Customer segmentation, ownership and public pool, follow-ups, "
    "LTC control points, service catalog, sales KPIs",
    "version": "18.0.1.0.0",
    "category": "Sales/CRM",
    "website": "https://github.com/ps-suite/ps-suite",
    "author": "Professional Services Suite",
    "license": "LGPL-3",
    "depends": ["crm", "product"],
    "data": [
        "security/ps_crm_groups.xml",
        "security/ir.model.access.csv",
        "security/ps_crm_security.xml",
        "views/ps_customer_level_views.xml",
    ],
    "demo": ["demo/ps_customer_level_demo.xml"],
    "assets": {
        "web.assets_tests": ["ps_crm/static/tests/tours/*.js"],
    },
}
