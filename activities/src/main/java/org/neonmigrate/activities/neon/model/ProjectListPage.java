package org.neonmigrate.activities.neon.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

/**
 * Body of {@code GET /projects}; {@code integrations} maps a project id to its transfer blockers.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ProjectListPage(
    List<ProjectListItem> projects,
    ListCursor pagination,
    Map<String, List<String>> integrations,
    List<String> unavailableProjectIds) {}
