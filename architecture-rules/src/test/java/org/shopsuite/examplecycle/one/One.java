package org.shopsuite.examplecycle.one;

import org.shopsuite.examplecycle.two.Two;

/** Half of a feature cycle the rules must catch. */
public class One {
    Two two;
}
