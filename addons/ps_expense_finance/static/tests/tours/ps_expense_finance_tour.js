/** @odoo-module **/

import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

registry.category("web_tour.tours").add("ps_expense_finance_cost_category_tour", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps("ps_expense_finance.ps_expense_finance_menu_root", "Open Project Finance"),
        {
            trigger: 'button[data-menu-xmlid="ps_expense_finance.ps_expense_finance_menu_config"]',
            run: "click",
        },
        {
            trigger: 'a[data-menu-xmlid="ps_expense_finance.ps_cost_category_menu"]',
            run: "click",
        },
        {
            trigger: ".o_list_view .o_list_button_add",
            run: "click",
        },
        {
            trigger: ".o_selected_row div[name='code'] input",
            run: "edit TOUR",
        },
        {
            trigger: ".o_selected_row div[name='name'] input",
            run: "edit Tour category",
        },
        {
            trigger: ".o_list_button_save",
            run: "click",
        },
        {
            trigger: ".o_data_row:not(.o_selected_row) td:contains('Tour category')",
        },
    ],
});
