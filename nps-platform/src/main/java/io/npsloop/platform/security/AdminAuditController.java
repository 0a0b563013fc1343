package io.npsloop.platform.security;

import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/admin/audit}: this service's audited admin changes, newest first (admin only). */
@RestController
@Validated
public class AdminAuditController {

    public static final String PATH = "/api/v1/admin/audit";

    private final AdminAuditLog audit;

    public AdminAuditController(AdminAuditLog audit) {
        this.audit = audit;
    }

    @GetMapping(PATH)
    public List<AdminAuditLog.Entry> latest(@RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        return audit.latest(limit);
    }
}
