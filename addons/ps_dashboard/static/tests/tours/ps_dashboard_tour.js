/** @odoo-module **/

import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

registry.category("web_tour.tours").add("ps_dashboard_cockpit_tour", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps("ps_dashboard.ps_dashboard_menu_root", "Open the cockpit"),
        {
            trigger: ".o_ps_cockpit .o_ps_cockpit_card[data-key='contracts'] .o_ps_cockpit_value:contains('1')",
        },
        {
            trigger: ".o_ps_cockpit .o_ps_cockpit_card[data-key='contracts']",
            run: "click",
        },
        {
            trigger: ".o_list_view .o_data_row td:contains('Cockpit tour contract')",
        },
    ],
});
