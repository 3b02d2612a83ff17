# Copyright 2026 Professional Services Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Professional Services: Knowledge Vault",
    "summary": "Document vault with confidentiality levels, certificates and licences, "
    "deliverable archive, lessons learned, access audit",
    "version": "18.0.1.0.0",
    "category": "Productivity/Documents",
    "website": "https://github.com/ps-suite/ps-suite",
    "author": "Professional Services Suite",
    "license": "LGPL-3",
    "application": True,
    "depends": ["ps_crm", "ps_project_wbs", "hr"],
    "data": [
        "security/ps_knowledge_groups.xml",
        "security/ir.model.access.csv",
        "security/ps_knowledge_security.xml",
        "data/ps_knowledge_data.xml",
        "views/ps_document_folder_views.xml",
        "views/ps_document_views.xml",
        "views/ps_certificate_views.xml",
        "views/ps_knowledge_article_views.xml",
        "views/ps_knowledge_config_views.xml",
        "views/ps_knowledge_menus.xml",
    ],
    "demo": [
        "demo/ps_document_folder_demo.xml",
        "demo/ps_document_demo.xml",
        "demo/ps_certificate_demo.xml",
        "demo/ps_knowledge_article_demo.xml",
    ],
    "post_init_hook": "post_init_hook",
    "assets": {
        "web.assets_tests": ["ps_knowledge/static/tests/tours/*.js"],
    },
}
