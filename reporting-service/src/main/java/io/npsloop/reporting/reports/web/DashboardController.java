package io.npsloop.reporting.reports.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** Serves the dashboard page (static HTML and JS, charts from the echarts WebJar) at {@code /dashboard}. */
@Controller
class DashboardController {

    @GetMapping("/dashboard")
    String dashboard() {
        return "forward:/dashboard.html";
    }
}
