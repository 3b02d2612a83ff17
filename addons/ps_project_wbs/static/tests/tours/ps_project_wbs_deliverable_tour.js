/** @odoo-module **/

import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("ps_project_wbs_deliverable_tour", {
    url: "/odoo/action-ps_project_wbs.ps_project_deliverable_action",
    steps: () => [
        {
            content: "The submitted report waits for the manager's decision",
            trigger: ".o_list_view .o_data_row:contains('Tour diagnostic report') .o_field_badge:contains('Submitted')",
        },
        {
            trigger: ".o_list_view .o_data_row td[name='name']:contains('Tour diagnostic report')",
            run: "click",
        },
        {
            content: "Accept it",
            trigger: ".o_form_view .o_form_statusbar button[name='action_accept']",
            run: "click",
        },
        {
            content: "It is accepted, by the manager",
            trigger: ".o_form_view .o_statusbar_status button[data-value='accepted'][aria-checked='true']",
        },
        {
            trigger: ".o_form_view .o_field_widget[name='accepted_by_id']:contains('Mitchell Admin')",
        },
        {
            trigger: 'button[data-menu-xmlid="project.menu_project_report"]',
            run: "click",
        },
        {
            trigger: 'a[data-menu-xmlid="ps_project_wbs.ps_workload_report_menu"]',
            run: "click",
        },
        {
            content: "The consultant's week is overloaded",
            trigger: ".o_list_view .o_data_row:contains('Tour Consultant') .o_field_badge:contains('Overloaded')",
        },
        {
            content: "Open the tasks of that week to reassign them",
            trigger: ".o_list_view .o_data_row:contains('Tour Consultant'):has(.o_field_badge:contains('Overloaded')) button[name='action_open_tasks']",
            run: "click",
        },
        {
            trigger: ".o_list_view .o_data_row td:contains('Tour analysis')",
        },
    ],
});
