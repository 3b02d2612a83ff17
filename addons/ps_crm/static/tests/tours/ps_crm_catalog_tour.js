/** @odoo-module **/

import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

// A salesperson browses the service catalog, then quotes an allowed service on
// an opportunity: the restricted service is not offered to them.
registry.category("web_tour.tours").add("ps_crm_catalog_tour", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps("crm.crm_menu_root", "Open CRM"),
        {
            trigger: 'button[data-menu-xmlid="crm.crm_menu_sales"]',
            run: "click",
        },
        {
            trigger: 'a[data-menu-xmlid="ps_crm.product_template_menu_ps_service_catalog"]',
            run: "click",
        },
        {
            content: "The restricted service is flagged in the catalog",
            trigger: ".o_kanban_record:contains('Tour audit') .badge:contains('Restricted')",
        },
        {
            trigger: ".o_kanban_record:contains('Tour strategy session'):contains('Man-day')",
        },
        {
            trigger: 'button[data-menu-xmlid="crm.crm_menu_sales"]',
            run: "click",
        },
        {
            trigger: 'a[data-menu-xmlid="crm.menu_crm_opportunities"]',
            run: "click",
        },
        {
            trigger: ".o_kanban_record:contains('Tour opportunity')",
            run: "click",
        },
        {
            trigger: ".o_notebook_headers a[name='ps_services']",
            run: "click",
        },
        {
            trigger: "div[name='ps_service_line_ids'] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            trigger: "div[name='ps_service_line_ids'] .o_selected_row div[name='product_id'] input",
            run: "edit Tour",
        },
        {
            content: "Only the service the salesperson may sell is offered",
            trigger:
                ".o-autocomplete--dropdown-menu:not(:has(a:contains('Tour audit'))) a:contains('Tour strategy session')",
            run: "click",
        },
        {
            trigger: "div[name='ps_service_line_ids'] .o_selected_row div[name='quantity'] input",
            run: "edit 3",
        },
        {
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            trigger: ".o_form_saved div[name='ps_service_amount_total']:contains('5,400.00')",
        },
    ],
});
