/** @odoo-module **/

import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

registry.category("web_tour.tours").add("ps_crm_customer_pool_tour", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps("crm.crm_menu_root", "Open CRM"),
        {
            content: "Open the customers",
            trigger: 'button[data-menu-xmlid="crm.crm_menu_sales"]',
            run: "click",
        },
        {
            trigger: 'a[data-menu-xmlid="crm.res_partner_menu_customer"]',
            run: "click",
        },
        {
            content: "The customer kanban is grouped by level",
            trigger: ".o_kanban_view .o_kanban_group .o_kanban_record:contains('Tour Own Customer')",
        },
        {
            content: "Open the public pool",
            trigger: 'button[data-menu-xmlid="crm.crm_menu_sales"]',
            run: "click",
        },
        {
            trigger: 'a[data-menu-xmlid="ps_crm.ps_customer_pool_menu"]',
            run: "click",
        },
        {
            trigger: ".o_kanban_record:contains('Tour Pool Customer')",
            run: "click",
        },
        {
            content: "Claim it",
            trigger: ".o_form_view button[name='action_ps_claim']",
            run: "click",
        },
        {
            content: "Claimed: the pool banner is gone",
            trigger: ".o_form_view:not(:has(button[name='action_ps_claim']))",
        },
        {
            content: "Log a follow-up",
            trigger: ".o_form_view button[name='action_ps_log_followup']",
            run: "click",
        },
        {
            trigger: ".modal div[name='summary'] textarea",
            run: "edit Tour call: interested in a training programme",
        },
        {
            trigger: ".modal div[name='next_step'] input",
            run: "edit Send the training offer",
        },
        {
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "The follow-up is counted on the customer",
            trigger: "body:not(:has(.modal)) button[name='action_ps_view_followups'] .o_stat_value:contains('1')",
        },
    ],
});
