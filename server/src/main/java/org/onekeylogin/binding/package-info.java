/**
 * Bindings: an account (e.g. a child's) controlled by the phones of another (a parent's),
 * which then approve its sign-ins and may see and sign out its devices. Binding proves
 * the right to it with the bound account's password, checked within that account's
 * password limits; it is audited and told to every signed-in device of the bound account,
 * and either side sees and removes it.
 */
@org.jspecify.annotations.NullMarked
package org.onekeylogin.binding;
