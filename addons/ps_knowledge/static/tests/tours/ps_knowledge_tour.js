/** @odoo-module **/

import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

registry.category("web_tour.tours").add("ps_knowledge_folder_tour", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps("ps_knowledge.ps_knowledge_menu_root", "Open Knowledge Vault"),
        {
            content: "Open the folders",
            trigger: ".o_main_navbar a[data-menu-xmlid='ps_knowledge.ps_document_folder_menu']",
            run: "click",
        },
        {
            trigger: ".o_breadcrumb:contains('Folders')",
        },
        {
            trigger: ".o_list_view .o_list_button_add",
            run: "click",
        },
        {
            trigger: ".o_form_view div[name='name'] input",
            run: "edit Tour folder",
        },
        ...stepUtils.saveForm(),
    ],
});
