/** @odoo-module **/

import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("ps_project_wbs_template_tour", {
    url: "/odoo/action-project.open_view_project_all?view_type=list",
    steps: () => [
        {
            content: "Open the new engagement's settings",
            trigger: ".o_list_view .o_data_row td:contains('Tour Engagement')",
            run: "click",
        },
        {
            content: "Create its tasks from the project type's template",
            trigger: ".o_form_view button[name='action_ps_apply_wbs_template']",
            run: "click",
        },
        {
            content: "Ask for the initiation decision",
            trigger: ".o_form_view button[name='action_ps_request_initiation']",
            run: "click",
        },
        {
            content: "The initiation gate opens",
            trigger: ".o_form_view .o_field_widget[name='gate_type']",
        },
        {
            content: "It waits for the PMO (the shipped rule): the administrator is one, and validates",
            trigger: ".o_form_view .alert-warning button[name='validate_tier']",
            run: "click",
        },
        {
            content: "The decision is recorded",
            trigger: ".o_form_view .o_statusbar_status button[data-value='approved'][aria-checked='true']",
        },
        {
            trigger: 'button[data-menu-xmlid="ps_project_wbs.ps_timeline_menu"]',
            run: "click",
        },
        {
            trigger: 'a[data-menu-xmlid="ps_project_wbs.ps_task_timeline_menu"]',
            run: "click",
        },
        {
            content: "The template's tasks are on the timeline",
            trigger: ".oe_timeline_view .vis-item:contains('Tour kick-off')",
        },
    ],
});
