/** @odoo-module **/

import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

registry.category("web_tour.tours").add("ps_contract_create_tour", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps("ps_contract.ps_contract_menu_root", "Open Contracts"),
        {
            trigger: ".o_list_view .o_list_button_add",
            run: "click",
        },
        {
            trigger: ".o_form_view div[name='title'] input",
            run: "edit Tour contract",
        },
        {
            trigger: ".o_form_view div[name='partner_id'] input",
            run: "edit Zeta Tour",
        },
        {
            trigger: ".ui-autocomplete .dropdown-item:contains('Zeta Tour Customer')",
            run: "click",
        },
        {
            trigger: ".o_form_view div[name='amount_total'] input",
            run: "edit 5000",
        },
        ...stepUtils.saveForm(),
        {
            trigger: ".o_form_view div[name='name'] span:contains('CT/')",
        },
    ],
});
