# Copyright 2026 Professional Services Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Professional Services: Project Delivery (WBS)",
    "summary": "Project types and WBS templates, five-phase lifecycle with approval "
    "gates, deliverables, risks, workload and timeline",
    "version": "18.0.1.1.0",
    "category": "Services/Project",
    "website": "https://github.com/ps-suite/ps-suite",
    "author": "Professional Services Suite",
    "license": "LGPL-3",
    "depends": ["project", "hr_timesheet", "ps_base", "web_timeline"],
    "data": [
        "security/ps_project_wbs_groups.xml",
        "security/ir.model.access.csv",
        "security/ps_project_wbs_security.xml",
        "security/project_project_rules.xml",
        "data/tier_definition_data.xml",
        "views/ps_project_type_views.xml",
        "views/project_project_views.xml",
        "views/ps_wbs_template_views.xml",
        "views/ps_timeline_views.xml",
        "views/ps_project_delivery_views.xml",
    ],
    "demo": [
        "demo/ps_project_type_demo.xml",
        "demo/ps_wbs_template_demo.xml",
        "demo/ps_project_demo.xml",
    ],
    "assets": {
        "web.assets_tests": ["ps_project_wbs/static/tests/tours/*.js"],
    },
}
