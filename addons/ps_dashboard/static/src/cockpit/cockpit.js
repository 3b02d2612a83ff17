/** @odoo-module **/

import { Component, onWillStart, useState } from "@odoo/owl";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";

/**
 * Executive cockpit: KPI cards, each opening the records behind its figure.
 * Works at phone width (cards stack in one column).
 */
export class PsCockpit extends Component {
    static template = "ps_dashboard.Cockpit";
    static props = ["*"];

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.state = useState({ cards: [] });
        onWillStart(async () => {
            this.state.cards = await this.orm.call("ps.cockpit", "get_cockpit_data", []);
        });
    }

    openCard(card) {
        return this.action.doAction({
            type: "ir.actions.act_window",
            name: card.label,
            res_model: card.model,
            domain: card.domain,
            views: [
                [false, "list"],
                [false, "form"],
            ],
        });
    }
}

registry.category("actions").add("ps_dashboard.cockpit", PsCockpit);
