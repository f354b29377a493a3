package org.shopsuite.examplecrossing.stock;

import org.shopsuite.examplecrossing.catalog.CatalogRepository;
import org.springframework.web.bind.annotation.RestController;

/** Reaches the catalog feature's repository: the rules must catch it. */
@RestController
public class StockController {
    CatalogRepository catalog;
}
