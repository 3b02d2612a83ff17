/** @odoo-module **/

import { Component, onMounted, onWillStart, onWillUnmount, useRef, useState } from "@odoo/owl";
import { loadBundle } from "@web/core/assets";
import { formatCurrency } from "@web/core/currency";
import { _t } from "@web/core/l10n/translation";
import { serializeDate } from "@web/core/l10n/dates";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";

const { DateTime } = luxon;

const COLORS = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1"];
const HEALTH_COLORS = ["#59a14f", "#f2b134", "#e15759"];

/**
 * One chart of the cockpit; a click on a segment, bar or point opens the
 * records behind it.
 */
export class PsCockpitChart extends Component {
    static template = "ps_dashboard.CockpitChart";
    static props = ["chart", "onSegmentClick"];

    setup() {
        this.canvasRef = useRef("canvas");
        onMounted(() => this.renderChart());
        onWillUnmount(() => this.chart?.destroy());
    }

    renderChart() {
        const spec = this.props.chart;
        const round = spec.type === "pie" || spec.type === "doughnut";
        const datasets = spec.datasets.map((dataset, index) => ({
            ...dataset,
            backgroundColor: round
                ? spec.key === "health"
                    ? HEALTH_COLORS
                    : COLORS
                : COLORS[index % COLORS.length],
            borderColor: round ? "#fff" : COLORS[index % COLORS.length],
            fill: false,
        }));
        this.chart = new Chart(this.canvasRef.el, {
            type: spec.type,
            data: { labels: spec.labels, datasets },
            options: {
                responsive: true,
                maintainAspectRatio: false,
                animation: false,
                plugins: { legend: { position: "bottom" } },
                onClick: (event, elements) => {
                    if (elements.length) {
                        const { datasetIndex, index } = elements[0];
                        this.props.onSegmentClick(spec, index, datasetIndex);
                    }
                },
            },
        });
    }
}

/**
 * Executive cockpit: KPI cards and charts, each opening the records behind its
 * figure. Works at phone width (cards and charts stack in one column).
 */
export class PsCockpit extends Component {
    static template = "ps_dashboard.Cockpit";
    static components = { PsCockpitChart };
    static props = ["*"];

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.state = useState({
            cards: [],
            charts: [],
            exports: [],
            options: { companies: [], project_types: [], managers: [] },
            period: "year",
            company_id: "",
            project_type_id: "",
            user_id: "",
            version: 0,
        });
        this.periods = [
            ["month", _t("This Month")],
            ["quarter", _t("This Quarter")],
            ["year", _t("This Year")],
            ["all", _t("All Time")],
        ];
        onWillStart(async () => {
            // Both at once: the figures are asked for while the cockpit is
            // alive. Asked after the chart library arrived, they were asked of
            // a cockpit the user had already left (a click on another menu
            // while it loaded): "Component is destroyed".
            await Promise.all([loadBundle("web.chartjs_lib"), this.load()]);
        });
    }

    get filters() {
        const filters = {};
        for (const key of ["company_id", "project_type_id", "user_id"]) {
            if (this.state[key]) {
                filters[key] = parseInt(this.state[key]);
            }
        }
        if (this.state.period !== "all") {
            const today = DateTime.local();
            filters.date_from = serializeDate(today.startOf(this.state.period));
            filters.date_to = serializeDate(today.endOf(this.state.period));
        }
        return filters;
    }

    async load() {
        const data = await this.orm.call("ps.cockpit", "get_cockpit_data", [], {
            filters: this.filters,
        });
        this.currencyId = data.currency_id;
        this.state.cards = data.cards;
        this.state.charts = data.charts;
        this.state.exports = data.exports;
        this.state.options = data.filter_options;
        this.state.version++;
    }

    async onFilterChange(key, ev) {
        this.state[key] = ev.target.value;
        await this.load();
    }

    formatValue(card) {
        if (card.kind !== "monetary") {
            return String(card.value);
        }
        return formatCurrency(card.value, this.currencyId, { humanReadable: true });
    }

    openRecords(name, model, domain) {
        return this.action.doAction({
            type: "ir.actions.act_window",
            name,
            res_model: model,
            domain,
            views: [
                [false, "list"],
                [false, "form"],
            ],
        });
    }

    openCard(card) {
        return this.openRecords(card.label, card.model, card.domain);
    }

    openSegment(chart, index, datasetIndex = 0) {
        const dataset = chart.datasets[datasetIndex] || {};
        return this.openRecords(
            `${chart.title}: ${chart.labels[index]}`,
            dataset.model || chart.model,
            (dataset.domains || chart.domains)[index]
        );
    }

    runExport(xlsx) {
        return this.action.doAction(xlsx.action);
    }
}

registry.category("actions").add("ps_dashboard.cockpit", PsCockpit);
