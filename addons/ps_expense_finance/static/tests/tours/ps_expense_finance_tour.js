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

registry.category("web_tour.tours").add("ps_expense_finance_pnl_tour", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps("ps_expense_finance.ps_expense_finance_menu_root", "Open Project Finance"),
        {
            trigger: 'a[data-menu-xmlid="ps_expense_finance.ps_project_pnl_menu"]',
            run: "click",
        },
        {
            trigger: ".o_list_view .o_data_row td:contains('Tour P&L project')",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_field_widget[name='committed_cost']",
        },
        {
            trigger: ".o_form_view button[name='action_new_expense']",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_field_widget[name='ps_project_id'] input:value('Tour P&L project')",
        },
        {
            trigger: ".o_form_view .o_field_widget[name='name'] input",
            run: "edit Tour taxi",
        },
        {
            trigger: ".o_form_view .o_field_widget[name='product_id'] input",
            run: "edit Tour travel",
        },
        {
            trigger: ".o-autocomplete--dropdown-item a:contains('Tour travel')",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_field_widget[name='total_amount_currency'] input",
            run: "edit 42",
        },
        {
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_form_saved",
        },
        {
            trigger: ".breadcrumb-item a:contains('Tour P&L project')",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_field_widget[name='committed_cost']:contains('42.00')",
        },
    ],
});

registry.category("web_tour.tours").add("ps_expense_finance_pnl_finance_tour", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps("ps_expense_finance.ps_expense_finance_menu_root", "Open Project Finance"),
        {
            trigger: 'a[data-menu-xmlid="ps_expense_finance.ps_project_pnl_menu"]',
            run: "click",
        },
        {
            trigger: ".o_list_view .o_data_row td:contains('Azure Interior cost reduction')",
            run: "click",
        },
        {
            content: "The P&L form opens with its figures (no access error)",
            trigger: ".o_form_view .o_field_widget[name='actual_cost']",
        },
        {
            trigger: ".o_form_view .o_field_widget[name='project_id']:contains('Azure Interior cost reduction')",
        },
    ],
});
