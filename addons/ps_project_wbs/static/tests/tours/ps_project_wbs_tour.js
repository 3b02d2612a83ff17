/** @odoo-module **/

import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

registry.category("web_tour.tours").add("ps_project_wbs_project_type_tour", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps("project.menu_main_pm", "Open Project"),
        {
            trigger: 'button[data-menu-xmlid="project.menu_project_config"]',
            run: "click",
        },
        {
            trigger: 'a[data-menu-xmlid="ps_project_wbs.ps_project_type_menu"]',
            run: "click",
        },
        {
            trigger: ".o_list_view .o_list_button_add",
            run: "click",
        },
        {
            trigger: ".o_form_view div[name='name'] input",
            run: "edit Tour type",
        },
        {
            trigger: ".o_form_view div[name='code'] input",
            run: "edit TOUR",
        },
        ...stepUtils.saveForm(),
    ],
});
