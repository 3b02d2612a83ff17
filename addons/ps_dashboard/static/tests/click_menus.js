/** @odoo-module **/

/**
 * Test helper of tests/test_click_everywhere.py: opens the given actions one
 * after the other, as a user clicking their menus would, and on each of them
 * (in every view when asked) toggles every group-by the search view offers,
 * date group-bys at each of their intervals. Odoo's clickbot toggles filters
 * but no group-by; this is what it leaves out.
 *
 * It waits for the web client to be idle (no RPC in flight, nothing left to
 * render) after every click, never for a fixed time, and fails on the first
 * error dialog, naming the action, the view and the group-by.
 */

import { App } from "@odoo/owl";
import { browser } from "@web/core/browser/browser";
import { rpcBus } from "@web/core/network/rpc";

export const SUCCESS_SIGNAL = "ps click menus succeeded";
const MOUSE_EVENTS = ["mouseover", "mouseenter", "mousedown", "mouseup", "click"];

const pending = new Set();
let rpcError = null;
let where = "";

function onRequest({ detail }) {
    pending.add(detail.data.id);
}

function onResponse({ detail }) {
    pending.delete(detail.data.id);
    if (detail.error) {
        rpcError = detail.error;
    }
}

function busy() {
    let tasks = 0;
    for (const app of App.apps) {
        tasks += app.scheduler.tasks.size;
    }
    return pending.size > 0 || tasks > 0;
}

function checkNoError() {
    const dialog = document.querySelector(".o_error_dialog");
    if (dialog) {
        const detail = rpcError ? ` (${JSON.stringify(rpcError.data?.message || rpcError)})` : "";
        throw new Error(`Error dialog at ${where}${detail}: ${dialog.innerText}`);
    }
}

/** Waits until `condition()` holds and the client is idle; fails on an error dialog. */
async function idle(condition = () => true) {
    const limit = Date.now() + 60000;
    // Let the click's handlers start their RPCs and renders first.
    await new Promise((resolve) => requestAnimationFrame(resolve));
    for (;;) {
        checkNoError();
        if (condition() && !busy()) {
            await new Promise((resolve) => requestAnimationFrame(resolve));
            checkNoError();
            if (condition() && !busy()) {
                return;
            }
        }
        if (Date.now() > limit) {
            throw new Error(`Timeout at ${where}: the client never became idle`);
        }
        await new Promise((resolve) => browser.setTimeout(resolve, 25));
    }
}

async function click(element, description) {
    if (!element) {
        throw new Error(`Nothing to click at ${where}: ${description}`);
    }
    for (const type of MOUSE_EVENTS) {
        element.dispatchEvent(new MouseEvent(type, { bubbles: true, cancelable: true, view: window }));
    }
    await idle();
}

async function openSearchMenu() {
    if (!document.querySelector(".o_group_by_menu")) {
        const toggler = document.querySelector(".o_control_panel .o_searchview_dropdown_toggler");
        if (!toggler) {
            return false;
        }
        await click(toggler, "search options");
    }
    return Boolean(document.querySelector(".o_group_by_menu"));
}

/** The group-by entries offered: [index, interval option index or null, label]. */
function groupByEntries() {
    const entries = [];
    const items = document.querySelectorAll(
        ".o_group_by_menu > .o_menu_item:not(.o_add_custom_group_menu), .o_group_by_menu > .o_accordion"
    );
    items.forEach((item, index) => {
        entries.push({ index, accordion: item.classList.contains("o_accordion") });
    });
    return entries;
}

function groupByItem(index) {
    return document.querySelectorAll(
        ".o_group_by_menu > .o_menu_item:not(.o_add_custom_group_menu), .o_group_by_menu > .o_accordion"
    )[index];
}

async function clickGroupBys(label) {
    if (!(await openSearchMenu())) {
        return 0;
    }
    let count = 0;
    for (const { index, accordion } of groupByEntries()) {
        await openSearchMenu();
        let item = groupByItem(index);
        if (!accordion) {
            where = `${label}, group by ${item.innerText.trim()}`;
            await click(item, "group-by");
            count++;
            await openSearchMenu();
            await click(groupByItem(index), "group-by off");
            continue;
        }
        // A date group-by: each of its intervals in turn.
        if (!item.querySelector(".o_accordion_values")) {
            await click(item.querySelector(".o_accordion_toggle"), "date group-by");
            item = groupByItem(index);
        }
        const options = item.querySelectorAll(".o_accordion_values .o_item_option").length;
        for (let option = 0; option < options; option++) {
            await openSearchMenu();
            item = groupByItem(index);
            if (!item.querySelector(".o_accordion_values")) {
                await click(item.querySelector(".o_accordion_toggle"), "date group-by");
                item = groupByItem(index);
            }
            const choice = item.querySelectorAll(".o_accordion_values .o_item_option")[option];
            where = `${label}, group by ${item.querySelector(".o_accordion_toggle").innerText.trim()}: ${choice.innerText.trim()}`;
            await click(choice, "date group-by interval");
            count++;
            await openSearchMenu();
            item = groupByItem(index);
            if (!item.querySelector(".o_accordion_values")) {
                await click(item.querySelector(".o_accordion_toggle"), "date group-by");
                item = groupByItem(index);
            }
            await click(
                item.querySelectorAll(".o_accordion_values .o_item_option")[option],
                "date group-by interval off"
            );
        }
    }
    return count;
}

/** Toggles every filter of the search view once, as Odoo's clickbot does. */
async function clickFilters(label) {
    if (!(await openSearchMenu())) {
        return 0;
    }
    const selector =
        ".o_filter_menu > .dropdown-item.o_menu_item:not(.o_add_custom_filter), .o_filter_menu > .o_accordion";
    const count = document.querySelectorAll(selector).length;
    for (let index = 0; index < count; index++) {
        await openSearchMenu();
        const filter = document.querySelectorAll(selector)[index];
        if (filter.classList.contains("o_accordion")) {
            where = `${label}, filter ${filter.querySelector(".o_accordion_toggle").innerText.trim()}`;
            if (!filter.querySelector(".o_accordion_values")) {
                await click(filter.querySelector(".o_accordion_toggle"), "date filter");
            }
            await click(
                document.querySelectorAll(selector)[index].querySelector(".o_item_option"),
                "date filter option"
            );
        } else {
            where = `${label}, filter ${filter.innerText.trim()}`;
            await click(filter, "filter");
        }
    }
    return count;
}

/**
 * Opens each action of `actions` ([[id, label], ...]); with `filters`, toggles
 * every filter of its search view; with `groupBys`, every group-by in every
 * view of it. Logs the success signal at the end.
 */
export async function clickMenus(
    actions,
    { filters = true, groupBys = true, allViews = true } = {}
) {
    const env = odoo.__WOWL_DEBUG__.root.env;
    rpcBus.addEventListener("RPC:REQUEST", onRequest);
    rpcBus.addEventListener("RPC:RESPONSE", onResponse);
    let tested = 0;
    let toggled = 0;
    let filtered = 0;
    try {
        for (const [actionId, label] of actions) {
            where = label;
            rpcError = null;
            await env.services.action.doAction(actionId, { clearBreadcrumbs: true });
            await idle(() => !document.querySelector(".o_loading_indicator"));
            tested++;
            const dialogClose = document.querySelector(".modal .o_dialog header .btn-close, .o_dialog header .btn-close");
            if (dialogClose) {
                await click(dialogClose, "close the dialog");
                continue;
            }
            if (filters) {
                filtered += await clickFilters(label);
                // Back to the menu's own search before the views and group-bys.
                await env.services.action.doAction(actionId, { clearBreadcrumbs: true });
                await idle();
            }
            if (!groupBys) {
                continue;
            }
            const viewTypes = [
                ...document.querySelectorAll("nav.o_cp_switch_buttons > button.o_switch_view"),
            ].map((button) =>
                [...button.classList].find((cls) => cls.startsWith("o_") && cls !== "o_switch_view")
            );
            if (!viewTypes.length || !allViews) {
                toggled += await clickGroupBys(label);
                continue;
            }
            for (const viewType of viewTypes) {
                const selector = `nav.o_cp_switch_buttons > button.o_switch_view.${viewType}`;
                where = `${label} (${viewType.slice(2)} view)`;
                if (!document.querySelector(`${selector}.active`)) {
                    await click(document.querySelector(selector), "view switcher");
                    await idle(() => document.querySelector(`${selector}.active`));
                }
                toggled += await clickGroupBys(where);
            }
        }
        browser.console.log(
            `Opened ${tested} actions, toggled ${filtered} filters and ${toggled} group-bys`
        );
        browser.console.log(SUCCESS_SIGNAL);
    } catch (error) {
        browser.console.error(`${error.message}\n${error.stack}`);
    } finally {
        rpcBus.removeEventListener("RPC:REQUEST", onRequest);
        rpcBus.removeEventListener("RPC:RESPONSE", onResponse);
    }
}

window.psClickMenus = clickMenus;
