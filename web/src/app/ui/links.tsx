import { Anchor, type AnchorProps, Button, type ButtonProps, NavLink, type NavLinkProps } from '@mantine/core';
import { createLink } from '@tanstack/react-router';
import type { AnchorHTMLAttributes, Ref } from 'react';

// Mantine components rendered as router links: real <a href> elements, typed `to`.

type AnchorAttrs = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'color' | 'style'>;

function NavLinkAnchor(props: NavLinkProps & AnchorAttrs & { ref?: Ref<HTMLAnchorElement> }) {
  return <NavLink component="a" {...props} />;
}

function AnchorLink(props: AnchorProps & AnchorAttrs & { ref?: Ref<HTMLAnchorElement> }) {
  return <Anchor {...props} />;
}

function ButtonAnchor(props: ButtonProps & AnchorAttrs & { ref?: Ref<HTMLAnchorElement> }) {
  return <Button component="a" {...props} />;
}

export const RouterNavLink = createLink(NavLinkAnchor);
export const RouterAnchor = createLink(AnchorLink);
export const RouterButton = createLink(ButtonAnchor);
