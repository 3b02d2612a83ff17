/** @odoo-module **/

import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

registry.category("web_tour.tours").add("ps_crm_reporting_tour", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps("crm.crm_menu_root", "Open CRM"),
        {
            trigger: 'button[data-menu-xmlid="crm.crm_menu_report"]',
            run: "click",
        },
        {
            trigger: 'a[data-menu-xmlid="ps_crm.ps_sales_kpi_report_menu"]',
            run: "click",
        },
        {
            content: "The KPI pivot shows won revenue for a salesperson (first measure)",
            trigger: ".o_pivot table tbody tr:has(th:contains('Mitchell Admin')) td.o_pivot_cell_value:first-of-type",
            run() {
                const value = this.anchor.textContent.trim();
                if (!value || /^0+([.,]0+)?$/.test(value.replace(/[^0-9.,]/g, ""))) {
                    throw new Error(`No won revenue in the KPI pivot: "${value}"`);
                }
            },
        },
        {
            trigger: 'button[data-menu-xmlid="crm.crm_menu_report"]',
            run: "click",
        },
        {
            trigger: 'a[data-menu-xmlid="ps_crm.ps_sales_funnel_menu"]',
            run: "click",
        },
        {
            content: "The funnel graph is drawn",
            trigger: ".o_graph_renderer canvas",
        },
    ],
});
