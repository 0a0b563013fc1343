package io.npsloop.reporting.overview.web;

import io.npsloop.reporting.overview.Overview;
import io.npsloop.reporting.overview.OverviewQuery;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/reports")
class OverviewController {

    private final OverviewQuery query;

    OverviewController(OverviewQuery query) {
        this.query = query;
    }

    @GetMapping("/overview")
    Overview overview() {
        return query.overview();
    }
}
