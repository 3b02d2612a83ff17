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

/**
 * Approve the card of the document of `project` and wait until it leaves the
 * inbox (the kanban reloaded after the decision).
 */
function approveCard(project) {
    return [
        {
            content: `Approve the card of ${project}`,
            trigger: `.o_kanban_record:contains('${project}') button[name='action_approve']`,
            run: "click",
        },
        {
            content: `The card of ${project} leaves the inbox`,
            trigger: `.o_kanban_view:not(:has(.o_kanban_record:contains('${project}')))`,
        },
    ];
}

registry.category("web_tour.tours").add("ps_dashboard_approvals_outcome_phone_tour", {
    url: "/odoo/action-ps_dashboard.ps_approval_item_action",
    steps: () => [
        {
            content: "The invoice request's card tells the amount, customer and requester",
            trigger:
                ".o_kanban_record:contains('Tour invoice project'):contains('Cockpit Client'):contains('Tour Salesperson')",
        },
        {
            content: "The change request's card tells what it does to the plan",
            trigger:
                ".o_kanban_record:contains('Tour change project'):contains('Planned hours: 40 h → 60 h'):contains('Two more weeks of fieldwork')",
        },
        ...approveCard("Tour invoice project"),
        ...approveCard("Tour change project"),
        ...approveCard("Tour budget project"),
    ],
});

registry.category("web_tour.tours").add("ps_dashboard_approvals_reject_phone_tour", {
    url: "/odoo/action-ps_dashboard.ps_approval_item_action",
    steps: () => [
        {
            content: "Reject the invoice request from its card",
            trigger:
                ".o_kanban_record:contains('Tour invoice project') button[name='action_reject']",
            run: "click",
        },
        {
            content: "Say why",
            trigger: ".modal div[name='comment'] :is(textarea, input)",
            run: "edit Wrong milestone amount",
        },
        {
            content: "Send the rejection",
            trigger: ".modal button[name='add_comment']",
            run: "click",
        },
        {
            content: "The rejected request leaves the inbox",
            trigger:
                ".o_kanban_view:not(:has(.o_kanban_record:contains('Tour invoice project')))",
        },
    ],
});
