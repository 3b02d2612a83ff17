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
    "depends": ["crm", "product", "ps_base"],
    "data": [
        "security/ps_crm_groups.xml",
        "security/ir.model.access.csv",
        "security/ps_crm_security.xml",
        "data/tier_definition_data.xml",
        "data/ps_customer_type_data.xml",
        "data/ir_cron_data.xml",
        "views/ps_customer_level_views.xml",
        "views/res_partner_views.xml",
        "views/ps_customer_followup_views.xml",
        "views/ps_ltc_gate_views.xml",
        "views/ps_crm_menus.xml",
        "views/ps_service_category_views.xml",
        "views/product_template_views.xml",
        "views/crm_lead_service_views.xml",
        "report/ps_service_sales_report_views.xml",
        "report/ps_sales_kpi_report_views.xml",
    ],
    "demo": [
        "demo/ps_customer_level_demo.xml",
        "demo/ps_customer_demo.xml",
        "demo/ps_ltc_gate_demo.xml",
        "demo/ps_service_catalog_demo.xml",
    ],
    "assets": {
        "web.assets_tests": ["ps_crm/static/tests/tours/*.js"],
    },
}
