/** @odoo-module **/

import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

/**
 * Clicks the segment labelled `label` of the cockpit chart `key`, where Chart.js
 * drew it (the centre of the slice, bar or point).
 */
function clickChartSegment(key, label) {
    const canvas = document.querySelector(`.o_ps_chart[data-key='${key}'] canvas`);
    const chart = window.Chart.getChart(canvas);
    const index = chart.data.labels.indexOf(label);
    if (index < 0) {
        throw new Error(`No segment ${label} in chart ${key}: ${chart.data.labels}`);
    }
    const { x, y } = chart.getDatasetMeta(0).data[index].tooltipPosition();
    const rect = canvas.getBoundingClientRect();
    const options = { bubbles: true, clientX: rect.left + x, clientY: rect.top + y };
    canvas.dispatchEvent(new MouseEvent("mousemove", options));
    canvas.dispatchEvent(new MouseEvent("click", options));
}

registry.category("web_tour.tours").add("ps_dashboard_cockpit_tour", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps("ps_dashboard.ps_dashboard_menu_root", "Open the cockpit"),
        {
            content: "The cockpit counts the projects",
            trigger: ".o_ps_cockpit .o_ps_cockpit_card[data-key='projects'] .o_ps_cockpit_value",
        },
        {
            content: "Click the Execution slice of the projects-by-phase pie",
            trigger: ".o_ps_cockpit .o_ps_chart[data-key='phase'] canvas",
            run() {
                clickChartSegment("phase", "Execution");
            },
        },
        {
            content: "The projects in execution are listed",
            trigger: ".o_list_view .o_data_row td:contains('Cockpit tour project')",
        },
        {
            content: "Projects of other phases are not",
            trigger: ".o_list_view:not(:has(td:contains('Cockpit tour planning')))",
        },
    ],
});

registry.category("web_tour.tours").add("ps_dashboard_approvals_phone_tour", {
    url: "/odoo/action-ps_dashboard.ps_approval_item_action",
    steps: () => [
        {
            content: "On a phone the inbox shows cards; approve the initiation request",
            trigger:
                ".o_kanban_record:contains('Phone tour project') button[name='action_approve']",
            run: "click",
        },
        {
            content: "The approved request leaves the inbox",
            trigger: ".o_kanban_view:not(:has(.o_kanban_record:contains('Phone tour project')))",
        },
    ],
});
