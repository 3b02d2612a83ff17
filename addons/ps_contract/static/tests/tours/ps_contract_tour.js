/** @odoo-module **/

import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

registry.category("web_tour.tours").add("ps_contract_create_tour", {
    steps: () => [
        {
            content: "The won opportunity turns into a contract",
            trigger: ".o_form_view button[name='action_ps_create_contract']",
            run: "click",
        },
        {
            trigger: ".o_form_view div[name='name'] span:contains('CT/')",
        },
        {
            content: "Plan the payment milestones",
            trigger: ".o_notebook a:contains('Payment Milestones')",
            run: "click",
        },
        {
            trigger: "div[name='milestone_ids'] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            trigger: "div[name='milestone_ids'] .o_data_row div[name='name'] input",
            run: "edit Signature",
        },
        {
            trigger: "div[name='milestone_ids'] .o_data_row div[name='percentage'] input",
            run: "edit 100",
        },
        {
            trigger: "div[name='milestone_ids'] .o_data_row div[name='trigger'] select",
            run: 'select "project_milestone"',
        },
        ...stepUtils.saveForm(),
        {
            content: "Send it to review",
            trigger: ".o_form_view button[name='action_submit_review']",
            run: "click",
        },
        {
            content: "The sales director (the administrator is one) approves it",
            trigger: ".o_form_view .alert-warning button[name='validate_tier']",
            run: "click",
        },
        {
            trigger: ".o_form_view .alert-success:contains('validated')",
        },
        {
            content: "Record the signature",
            trigger: ".o_form_view button[name='action_sign']",
            run: "click",
        },
        {
            content: "Hand it over to delivery",
            trigger: ".o_form_view button[name='action_create_project']",
            run: "click",
        },
        {
            trigger: ".o_form_view button[name='action_view_project']",
        },
        {
            content: "Ask finance for the invoice",
            trigger: ".o_form_view button[name='action_new_invoice_request']",
            run: "click",
        },
        {
            trigger: ".o_form_view div[name='milestone_id'] input:value(Signature)",
        },
        ...stepUtils.saveForm(),
        {
            trigger: ".o_form_view button[name='action_submit']",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains('To Approve')",
        },
    ],
});
